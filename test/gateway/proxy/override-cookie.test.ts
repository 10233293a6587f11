import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  hasOverrideCookie,
  OVERRIDE_COOKIE,
  overrideCookie,
  withoutOverrideCookie,
} from '../../../src/gateway/proxy/override-cookie.js';

const SECRET = 'a-test-secret-of-at-least-32-bytes-long!!';
const NOW = Date.parse('2026-11-24T10:00:00Z');
const UNTIL = NOW + 15 * 60_000;
const cookie = overrideCookie('p.pupil', 'play.example', UNTIL, NOW, SECRET);
const header = `theme=dark; ${cookie.split(';')[0]}; session=abc`;

describe('override cookie', () => {
  it('is HttpOnly, scoped to the site and lives as long as the override', () => {
    assert.match(
      cookie,
      new RegExp(`^${OVERRIDE_COOKIE}=[^;]+; Path=/; Max-Age=900; HttpOnly; SameSite=Lax$`),
    );
  });

  const cases = [
    { name: 'same_person_and_host', user: 'p.pupil', host: 'play.example', at: NOW, want: true },
    { name: 'other_person', user: 'someone.else', host: 'play.example', at: NOW, want: false },
    { name: 'other_host', user: 'p.pupil', host: 'other.example', at: NOW, want: false },
    { name: 'expired', user: 'p.pupil', host: 'play.example', at: UNTIL, want: false },
  ];
  for (const c of cases) {
    it(c.name, () => assert.equal(hasOverrideCookie(header, c.user, c.host, c.at, SECRET), c.want));
  }

  it('refuses a cookie signed with another secret, a tampered one, or none', () => {
    assert.equal(hasOverrideCookie(header, 'p.pupil', 'play.example', NOW, `${SECRET}x`), false);
    const tampered = header.replace(
      /(schoolgate_continue=[^;]*?)(.);/,
      (_m, a, b) => `${a}${b === 'A' ? 'B' : 'A'};`,
    );
    assert.equal(hasOverrideCookie(tampered, 'p.pupil', 'play.example', NOW, SECRET), false);
    assert.equal(hasOverrideCookie(undefined, 'p.pupil', 'play.example', NOW, SECRET), false);
  });

  it('is stripped before the request goes to the site, other cookies kept', () => {
    assert.equal(withoutOverrideCookie(header), 'theme=dark; session=abc');
    assert.equal(withoutOverrideCookie(cookie.split(';')[0]), undefined);
    assert.equal(withoutOverrideCookie('a=1'), 'a=1');
    assert.equal(withoutOverrideCookie(undefined), undefined);
  });
});
