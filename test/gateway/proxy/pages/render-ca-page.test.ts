import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  type CaPageInput,
  renderCaPage,
} from '../../../../src/gateway/proxy/pages/render-ca-page.js';
import { htmlProblems, mainText } from './html-checks.js';

const HEX = 'ab'.repeat(32);

function input(over: Partial<CaPageInput> = {}): CaPageInput {
  return {
    schoolName: 'Widford Lodge School',
    fingerprintSha256: HEX,
    downloadPemUrl: '/ca/schoolgate-ca.pem',
    downloadDerUrl: '/ca/schoolgate-ca.der',
    notAfter: new Date('2036-09-01T00:00:00Z'),
    ...over,
  };
}

describe('renderCaPage', () => {
  it('valid_page_with_every_platform', () => {
    const page = renderCaPage(input());
    assert.equal(page.status, 200);
    assert.deepEqual(htmlProblems(page.body), []);
    const text = mainText(page.body);
    const cases = [
      'Windows',
      'Group Policy',
      'Trusted Root Certification Authorities',
      'macOS',
      'Always Trust',
      'iPhone and iPad',
      'Enable full trust for root certificates',
      'Android',
      'Most apps do not trust user certificates',
      'Chrome trusts it',
      'Google Admin console',
      'Firefox',
      'ImportEnterpriseRoots',
      '1 September 2036',
    ];
    for (const want of cases) assert.ok(text.includes(want), `missing: ${want}`);
    assert.ok(page.body.includes('href="/ca/schoolgate-ca.pem"'));
    assert.ok(page.body.includes('href="/ca/schoolgate-ca.der"'));
  });

  const fingerprints = [
    { name: 'lower_hex', input: HEX },
    { name: 'colons', input: HEX.match(/../g)!.join(':') },
    { name: 'spaces_upper', input: HEX.toUpperCase().match(/../g)!.join(' ') },
  ];
  for (const c of fingerprints) {
    it(`fingerprint_${c.name}`, () => {
      const page = renderCaPage(input({ fingerprintSha256: c.input }));
      assert.ok(page.body.includes(`<code class="fingerprint">${'AB:'.repeat(31)}AB</code>`));
    });
  }

  const bad = [
    { name: 'short_fingerprint', over: { fingerprintSha256: 'ab'.repeat(20) } },
    { name: 'non_hex_fingerprint', over: { fingerprintSha256: `${'ab'.repeat(31)}zz` } },
    { name: 'script_link', over: { downloadPemUrl: 'javascript:alert(1)' } },
  ];
  for (const c of bad) {
    it(`refuses_${c.name}`, () => assert.throws(() => renderCaPage(input(c.over)), TypeError));
  }

  it('escapes_school_name', () => {
    const page = renderCaPage(input({ schoolName: '<b>St "Mary\'s" & All</b>' }));
    assert.ok(page.body.includes('&lt;b&gt;St &quot;Mary&#39;s&quot; &amp; All&lt;/b&gt;'));
    assert.deepEqual(htmlProblems(page.body), []);
  });
});
