import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createTestEngine, LESSON_TIME, LUNCHTIME } from '../../support/engine-fixture.js';

const engine = createTestEngine();

describe('decide: precedence mandatory > exception > group policy > default', () => {
  const cases = [
    {
      name: 'mandatory_beats_allow_exception',
      url: 'http://www.iwf.example/x',
      group: 'privileged',
      action: 'block',
      reason: 'mandatory',
    },
    {
      name: 'mandatory_for_every_group',
      url: 'https://iwf.example/',
      group: 'staff',
      action: 'block',
      reason: 'mandatory',
    },
    {
      name: 'group_exception_allows_blocked_category',
      url: 'https://mathsgames.example/',
      group: 'pupils',
      action: 'allow',
      reason: 'exception',
    },
    {
      name: 'exception_only_for_its_group',
      url: 'https://mathsgames.example/',
      group: 'staff',
      action: 'allow',
      reason: 'category',
    },
    {
      name: 'url_block_exception_inside_allowed_site',
      url: 'https://school.test/blog/post-1',
      group: 'privileged',
      action: 'block',
      reason: 'exception',
    },
    {
      name: 'url_exception_segment_boundary',
      url: 'https://school.test/blogger',
      group: 'pupils',
      action: 'allow',
      reason: 'category',
    },
    {
      name: 'expired_exception_ignored',
      url: 'https://oldgame.example/',
      group: 'pupils',
      action: 'block',
      reason: 'category',
    },
    {
      name: 'group_exception_beats_global',
      url: 'https://both.example/',
      group: 'pupils',
      action: 'allow',
      reason: 'exception',
    },
    {
      name: 'global_exception_for_others',
      url: 'https://both.example/',
      group: 'staff',
      action: 'block',
      reason: 'exception',
    },
    {
      name: 'group_policy_blocks',
      url: 'https://bad.example/',
      group: 'pupils',
      action: 'block',
      reason: 'category',
    },
    {
      name: 'privileged_allows',
      url: 'https://bad.example/',
      group: 'privileged',
      action: 'allow',
      reason: 'category',
    },
    {
      name: 'uncategorised_default',
      url: 'https://www.nothing-listed.example/',
      group: 'pupils',
      action: 'allow',
      reason: 'uncategorised',
    },
    {
      name: 'unknown_group_gets_default_group',
      url: 'https://bad.example/',
      group: 'visitors',
      action: 'block',
      reason: 'category',
    },
  ] as const;
  for (const c of cases) {
    it(c.name, () => {
      const d = engine.decide({ url: c.url, groups: [c.group] });
      assert.equal(d.action, c.action, JSON.stringify(d.reason));
      assert.equal(d.reason.code, c.reason);
    });
  }

  it('an administrator cannot allow a mandatory category by exception or policy', () => {
    const d = engine.decide({ url: 'https://iwf.example/', groups: ['privileged'] });
    assert.equal(d.action, 'block');
    assert.ok(d.reason.code === 'mandatory' && d.reason.category === 'iwf-child-abuse');
  });

  it('the exception reason and scope are carried', () => {
    const d = engine.decide({ url: 'https://mathsgames.example/', groups: ['pupils'] });
    assert.ok(d.reason.code === 'exception');
    assert.equal(d.reason.exception.reason, 'used in maths lessons');
    assert.equal(d.reason.scope, 'group');
  });
});

describe('decide: group policy', () => {
  it('games allowed at lunchtime for pupils, blocked in lessons', () => {
    const lunch = engine.decide({ url: 'https://games.example/', groups: ['pupils'] }, LUNCHTIME);
    const lesson = engine.decide(
      { url: 'https://games.example/', groups: ['pupils'] },
      LESSON_TIME,
    );
    // games.example is also in chat (warn), so at lunchtime the most restrictive is warn.
    assert.equal(lunch.action, 'warn');
    assert.equal(lesson.action, 'block');
    assert.ok(lesson.reason.code === 'category' && lesson.reason.category === 'games');
    const lunchGame = engine.decide(
      { url: 'https://oldgame.example/', groups: ['pupils'] },
      LUNCHTIME,
    );
    assert.equal(lunchGame.action, 'allow');
    assert.ok(lunchGame.reason.code === 'category' && lunchGame.reason.when === 'during:lunchtime');
  });

  it('returns every category and the most restrictive action wins', () => {
    const d = engine.decide({ url: 'https://games.example/', groups: ['pupils'] });
    assert.deepEqual([...d.categories].sort(), ['chat', 'games']);
    assert.equal(d.action, 'block');
  });

  it('alert allows and flags; warn can be overridden by the person', () => {
    assert.equal(
      engine.decide({ url: 'https://video.example/', groups: ['pupils'] }).action,
      'alert',
    );
    assert.equal(engine.decide({ url: 'https://sh.example/', groups: ['staff'] }).action, 'alert');
    const warned = engine.decide({ url: 'https://chat.example/', groups: ['pupils'] });
    assert.equal(warned.action, 'warn');
    const continued = engine.decide(
      { url: 'https://chat.example/', groups: ['pupils'] },
      LESSON_TIME,
      {
        isOverridden: (host) => host === 'chat.example',
      },
    );
    assert.equal(continued.action, 'allow');
    assert.equal(continued.reason.code, 'override');
    const blockedStays = engine.decide(
      { url: 'https://bad.example/', groups: ['pupils'] },
      LESSON_TIME,
      {
        isOverridden: () => true,
      },
    );
    assert.equal(blockedStays.action, 'block', 'an override never lifts a block');
  });

  it('a person in several groups gets the first in priority order', () => {
    const d = engine.decide({ url: 'https://bad.example/', groups: ['pupils', 'privileged'] });
    assert.equal(d.group, 'privileged');
    assert.equal(d.action, 'allow');
  });

  it('the reason names the matching list entry and its source', () => {
    const d = engine.decide({ url: 'https://deep.sub.bad.example/page', groups: ['pupils'] });
    assert.ok(d.reason.code === 'category');
    assert.equal(d.reason.entry.key, 'bad.example');
    assert.deepEqual(d.reason.entry.sources, ['test/pornography']);
  });

  it('label boundaries: notbad.example and bad.example.evil.test are not bad.example', () => {
    for (const url of ['https://notbad.example/', 'https://bad.example.evil.test/']) {
      const d = engine.decide({ url, groups: ['pupils'] });
      assert.equal(d.reason.code, 'uncategorised', url);
    }
  });
});

describe('decide: IP literals, wrappers and unreadable input', () => {
  it('bare IP hosts follow the group setting, listed IPs their category', () => {
    assert.equal(
      engine.decide({ url: 'http://198.51.100.7/', groups: ['pupils'] }).reason.code,
      'ip-literal',
    );
    assert.equal(
      engine.decide({ url: 'http://198.51.100.7/', groups: ['pupils'] }).action,
      'block',
    );
    assert.equal(engine.decide({ url: 'http://198.51.100.7/', groups: ['staff'] }).action, 'warn');
    assert.equal(
      engine.decide({ url: 'http://198.51.100.7/', groups: ['privileged'] }).action,
      'allow',
    );
    const listed = engine.decide({ url: 'http://3221225994/', groups: ['staff'] });
    assert.equal(listed.host, '192.0.2.10');
    assert.deepEqual(listed.categories, ['proxies-vpn']);
  });

  it('an IPv6 address that embeds a listed IPv4 address is matched (NAT64)', () => {
    const d = engine.decide({ url: 'http://[64:ff9b::192.0.2.10]/', groups: ['privileged'] });
    assert.deepEqual(d.categories, ['proxies-vpn']);
  });

  it('a site shown through a proxy or cache wrapper is decided as itself', () => {
    for (const url of [
      'https://bad-example.translate.goog/page?_x_tr_sl=auto&_x_tr_tl=en',
      'https://web.archive.org/web/2024/http://bad.example/page',
      'https://webcache.googleusercontent.com/search?q=cache:bad.example/page',
    ]) {
      const d = engine.decide({ url, groups: ['staff'] });
      assert.equal(d.action, 'block', url);
      assert.ok(d.categories.includes('pornography'), url);
    }
  });

  it('unreadable input is blocked with reason unparseable, never thrown', () => {
    for (const url of [
      '',
      'http://',
      'javascript:alert(1)',
      'http://192.0.2.256/',
      'http://exa mple.com/',
      'x'.repeat(20_000),
    ]) {
      const d = engine.decide({ url, groups: ['privileged'] });
      assert.equal(d.action, 'block', url.slice(0, 40));
      assert.equal(d.reason.code, 'unparseable');
      assert.equal(d.url, null);
    }
  });

  it('host-only requests (CONNECT, DNS) match domain entries but not URL entries', () => {
    const d = engine.decide({ host: 'www.bad.example:443', groups: ['pupils'] });
    assert.equal(d.action, 'block');
    assert.equal(d.hostOnly, true);
    assert.equal(d.search, null);
    const news = engine.decide({ host: 'news.example', groups: ['pupils'] });
    assert.equal(news.reason.code, 'uncategorised');
  });
});

describe('decide: search terms and safe search', () => {
  it('captures search terms whatever the action', () => {
    const d = engine.decide({
      url: 'https://www.google.co.uk/search?q=volcano+facts&hl=en',
      groups: ['pupils'],
    });
    assert.equal(d.search?.engine, 'google');
    assert.equal(d.search?.terms, 'volcano facts');
  });

  it('enforces safe search for groups that have it, not for others', () => {
    const pupils = engine.decide({
      url: 'https://www.google.com/search?q=volcano',
      groups: ['pupils'],
    });
    assert.match(pupils.safeSearch?.url ?? '', /[?&]safe=active/);
    const privileged = engine.decide({
      url: 'https://www.google.com/search?q=volcano',
      groups: ['privileged'],
    });
    assert.equal(privileged.safeSearch, null);
    const youtube = engine.decide({
      url: 'https://www.youtube.com/results?search_query=volcano',
      groups: ['pupils'],
    });
    assert.deepEqual(youtube.safeSearch?.headers, [['YouTube-Restrict', 'Strict']]);
  });
});
