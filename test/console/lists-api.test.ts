/**
 * The Lists API over real HTTP against a real store, on both dialects: every category with
 * its entry count in the compiled index (from list files named relative to the config file,
 * as a school writes them), its sources and when they changed, a feed's address without its
 * credentials; and "test a URL", the real engine's decision for each policy group with the
 * console's cells applied, naming the list entry, exception or phrases that decided.
 */
import assert from 'node:assert/strict';
import { statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { loadConfig } from '../../src/config/load-config.js';
import { CATEGORY_CATALOGUE } from '../../src/engine/categories/category-catalogue.js';
import type { CompileReport } from '../../src/lists/compile-sources.js';
import { DIALECTS } from '../support/store-dialects.js';
import { signedInClients } from './console-fixture.js';
import { BUILT_MS, FETCHED, type ListsConsole, startListsConsole } from './lists-fixture.js';

interface Source {
  name: string;
  type: string;
  format: string | null;
  categories: string[];
  path: string;
  url: string | null;
  available: boolean;
  updatedMs: number | null;
  updatedBy: string | null;
  entries: number | null;
}
interface Category {
  id: string;
  label: string;
  mandatory: boolean;
  origin: string;
  entries: number;
  sources: Source[];
  updatedMs: number | null;
}
interface Overview {
  index: { builtMs: number; installedMs: number; entries: number } | null;
  indexProblem: string | null;
  categories: Category[];
  sources: Source[];
}
interface Verdict {
  group: { id: string; label: string };
  action: string;
  reason: string;
  summary: string;
  explanation: string[];
  category: { id: string; label: string } | null;
  entry: { key: string; kind: string; sources: string[]; categories: string[] } | null;
  exception: {
    id: string;
    match: string;
    action: string;
    reason: string;
    expires: string | null;
    madeBy: string | null;
    madeMs: number | null;
  } | null;
  phrases: { phrases: string[]; score: number; limit: number; banned: boolean } | null;
  rule: { source: string; changedBy?: string; changedMs?: number; reason?: string } | null;
}
interface UrlTest {
  input: string;
  url: string;
  host: string;
  categories: { id: string; label: string }[];
  entries: { key: string }[];
  search: { engine: string; terms: string; autocomplete: boolean } | null;
  policyVersion: number;
  groups: Verdict[];
}
interface Problem {
  status: number;
  type: string;
  detail: string;
  errors?: { path: string; message: string }[];
}

for (const dialect of DIALECTS) {
  describe(`lists API (${dialect})`, () => {
    let t: ListsConsole;
    let base: string;
    let report: CompileReport;
    const as = signedInClients(() => base);
    const json = async <T>(response: Response, status = 200): Promise<T> => {
      assert.equal(response.status, status, await response.clone().text());
      return (await response.json()) as T;
    };
    const testUrl = async (url: string) =>
      json<UrlTest>(await (await as('it')).get(`/api/lists/test?url=${encodeURIComponent(url)}`));
    const compile = async () => {
      report = await t.compile();
    };

    before(async () => {
      t = await startListsConsole(dialect);
      base = t.url;
    });

    after(async () => {
      await t?.close();
    });

    it('before the lists are compiled: every category with 0 entries, and a test says why it cannot', async () => {
      const overview = await json<Overview>(await (await as('it')).get('/api/lists'));
      assert.equal(overview.index, null);
      assert.match(overview.indexProblem ?? '', /schoolgate lists compile/);
      assert.ok(overview.categories.every((c) => c.entries === 0));
      const problem = await json<Problem>(
        await (await as('it')).get('/api/lists/test?url=play.test'),
        503,
      );
      assert.match(problem.type, /unavailable$/);
      await compile();
    });

    it('answers 401 without a session and 403 to roles without lists.read', async () => {
      for (const path of ['/api/lists', '/api/lists/test?url=play.test']) {
        const anonymous = await fetch(`${base}${path}`);
        assert.equal(anonymous.status, 401, path);
        assert.equal(
          anonymous.headers.get('content-type')?.split(';')[0],
          'application/problem+json',
        );
        for (const username of ['smith', 'governor', 'bursar', 'head']) {
          const response = await (await as(username)).get(path);
          assert.equal(response.status, 403, `${username} ${path}`);
        }
        for (const username of ['dsl', 'deputy', 'it']) {
          assert.equal((await (await as(username)).get(path)).status, 200, `${username} ${path}`);
        }
      }
    });

    it('lists every category with the compiled counts, its sources and when they changed', async () => {
      const overview = await json<Overview>(await (await as('dsl')).get('/api/lists'));
      assert.equal(overview.indexProblem, null);
      assert.equal(overview.index?.builtMs, BUILT_MS);
      assert.equal(overview.index?.entries, report.entries);
      const byId = new Map(overview.categories.map((c) => [c.id, c]));
      // Every category of the catalogue and the config, with or without entries.
      for (const c of CATEGORY_CATALOGUE) assert.ok(byId.has(c.id), c.id);
      assert.equal(byId.get('homework-help')?.origin, 'config');
      assert.equal(overview.categories.length, CATEGORY_CATALOGUE.length + 1);
      for (const [id, count] of Object.entries(report.categories)) {
        assert.equal(byId.get(id)?.entries, count, id);
      }
      assert.equal(byId.get('games')?.entries, 2);
      assert.equal(byId.get('gambling')?.entries, 1);
      assert.equal(byId.get('phishing')?.entries, 2);
      const gap = byId.get('violence')!;
      assert.deepEqual([gap.entries, gap.sources, gap.updatedMs], [0, [], null]);
      assert.equal(byId.get('iwf-child-abuse')?.mandatory, true);
      assert.equal(byId.get('games')?.mandatory, false);

      const games = byId.get('games')!;
      const gamesFile = resolve(t.dir, 'lists', 'games.txt');
      assert.deepEqual(games.sources, [
        {
          name: 'games',
          type: 'list',
          format: 'auto',
          categories: ['games'],
          path: gamesFile,
          url: null,
          available: true,
          updatedMs: Math.round(statSync(gamesFile).mtimeMs),
          updatedBy: 'file',
          entries: 2,
          rejected: 0,
        },
      ]);
      assert.equal(games.updatedMs, Math.round(statSync(gamesFile).mtimeMs));
      assert.equal(byId.get('gambling')?.sources[0]?.format, 'domains');

      const feed = byId.get('phishing')!.sources[0]!;
      assert.equal(feed.url, 'https://feeds.example/phish.txt?key=…&fmt=…');
      assert.doesNotMatch(JSON.stringify(overview), /s3cret|abc123|jo:/);
      assert.deepEqual([feed.updatedMs, feed.updatedBy], [Date.parse(FETCHED), 'download']);
      assert.equal(overview.sources.length, 5);
    });

    it('tests a URL on a blocked list: each group as the policy file says, naming the entry', async () => {
      const result = await testUrl('https://www.play.test/level/1');
      assert.equal(result.host, 'www.play.test');
      assert.deepEqual(result.categories, [{ id: 'games', label: 'Games' }]);
      assert.deepEqual(
        result.entries.map((e) => e.key),
        ['play.test'],
      );
      const groups = loadConfig(t.configFile).config.policy.groups;
      assert.deepEqual(
        result.groups.map((g) => g.group.id),
        groups.map((g) => g.id),
      );
      for (const group of groups) {
        const verdict = result.groups.find((g) => g.group.id === group.id)!;
        const rule = group.categories.games;
        assert.equal(verdict.action, typeof rule === 'string' ? rule : 'allow', group.id);
        assert.equal(verdict.reason, 'category');
        assert.deepEqual(verdict.category, { id: 'games', label: 'Games' });
        assert.equal(verdict.entry?.key, 'play.test');
        assert.deepEqual(verdict.entry?.sources, ['games']);
        assert.match(verdict.summary, /play\.test/);
        assert.ok(verdict.explanation.some((line) => line.startsWith('Matched: play.test')));
      }
      const pupils = result.groups.find((g) => g.group.id === 'pupils')!;
      assert.equal(pupils.action, 'block');
      assert.deepEqual(pupils.rule, { source: 'file' });
      assert.match(pupils.summary, /^Blocked: /);
      const staff = result.groups.find((g) => g.group.id === 'staff')!;
      assert.equal(staff.action, 'allow');
      assert.deepEqual(staff.rule, { source: 'none' });
    });

    it('says why for mandatory lists, exceptions, phrases and sites on no list', async () => {
      const illegal = await testUrl('illegal.test');
      for (const verdict of illegal.groups) {
        assert.deepEqual([verdict.action, verdict.reason], ['block', 'mandatory']);
        assert.equal(verdict.entry?.key, 'illegal.test');
        assert.match(verdict.summary, /Blocked for everyone/);
      }
      const exception = await testUrl('http://maths.arcade.test/fractions');
      for (const verdict of exception.groups) {
        assert.deepEqual([verdict.action, verdict.reason], ['allow', 'exception']);
        assert.equal(verdict.exception?.id, 'maths-site');
        assert.match(verdict.summary, /Maths department resource/);
      }
      const search = await testUrl('https://www.google.com/search?q=poker+night+tonight');
      assert.deepEqual(search.search, {
        engine: 'google',
        terms: 'poker night tonight',
        autocomplete: false,
      });
      const pupils = search.groups.find((g) => g.group.id === 'pupils')!;
      assert.deepEqual([pupils.action, pupils.reason], ['block', 'phrase']);
      assert.deepEqual(pupils.phrases?.phrases, ['poker night']);
      assert.deepEqual([pupils.phrases?.score, pupils.phrases?.limit], [60, 50]);
      assert.match(pupils.summary, /"poker night"/);
      const staff = search.groups.find((g) => g.group.id === 'staff')!;
      assert.deepEqual([staff.action, staff.reason], ['allow', 'uncategorised']);
      assert.match(staff.summary, /on no list/);
    });

    it('shows a cell changed in the console at once, with who changed it and why', async () => {
      const it_ = await as('it');
      const changed = await it_.send('PUT', '/api/policy/cells', {
        group: 'pupils',
        category: 'games',
        action: 'warn',
        reason: 'Games club at lunchtime this week',
      });
      assert.equal(changed.status, 200, await changed.clone().text());
      const { version } = (await changed.json()) as { version: number };
      const result = await testUrl('play.test');
      assert.equal(result.policyVersion, version);
      const pupils = result.groups.find((g) => g.group.id === 'pupils')!;
      assert.equal(pupils.action, 'warn');
      const { changedMs = 0, ...rule } = pupils.rule ?? { source: 'none' };
      assert.deepEqual(rule, {
        source: 'console',
        changedBy: 'console:it',
        reason: 'Games club at lunchtime this week',
      });
      assert.ok(Math.abs(changedMs - Date.now()) < 60_000);
      assert.match(pupils.summary, /set in the console/);
    });

    it('applies an exception made in the console at once, naming who made it', async () => {
      const it_ = await as('it');
      const added = await it_.send('POST', '/api/policy/exceptions', {
        match: 'bet.test',
        action: 'allow',
        groups: ['pupils'],
        reason: 'Maths lesson on probability',
      });
      assert.equal(added.status, 201, await added.clone().text());
      const { exception } = (await added.json()) as { exception: { id: string } };
      const result = await testUrl('https://bet.test/odds');
      const pupils = result.groups.find((g) => g.group.id === 'pupils')!;
      assert.deepEqual([pupils.action, pupils.reason], ['allow', 'exception']);
      assert.deepEqual(pupils.exception, {
        id: exception.id,
        match: 'bet.test',
        action: 'allow',
        reason: 'Maths lesson on probability',
        expires: null,
        madeBy: 'console:it',
        madeMs: pupils.exception?.madeMs,
      });
      assert.equal(typeof pupils.exception?.madeMs, 'number');
      assert.match(pupils.summary, /exception made in the console by it/);
      // Staff were not in it: the category decides for them (no rule: allowed).
      const staff = result.groups.find((g) => g.group.id === 'staff')!;
      assert.equal(staff.reason, 'category');
      const removed = await it_.send('DELETE', `/api/policy/exceptions/${exception.id}`, {
        reason: 'The lesson is over',
      });
      assert.equal(removed.status, 200, await removed.clone().text());
      const after = await testUrl('https://bet.test/odds');
      assert.equal(after.groups.find((g) => g.group.id === 'pupils')?.action, 'block');
    });

    it('reads the index and the phrase lists again when they change', async () => {
      writeFileSync(
        join(t.dir, 'lists', 'games.txt'),
        'play.test\nwww.arcade.test\nnew-game.test\n',
      );
      await compile();
      const overview = await json<Overview>(await (await as('it')).get('/api/lists'));
      assert.equal(overview.categories.find((c) => c.id === 'games')?.entries, 3);
      const result = await testUrl('new-game.test');
      assert.equal(result.groups.find((g) => g.group.id === 'pupils')?.entry?.key, 'new-game.test');
      writeFileSync(
        join(t.dir, 'lists', 'phrases.txt'),
        '#listcategory: "gambling"\n<poker night><60>\n<blackjack><60>\n',
      );
      const search = await testUrl('https://www.google.com/search?q=blackjack');
      const pupils = search.groups.find((g) => g.group.id === 'pupils')!;
      assert.deepEqual(pupils.phrases?.phrases, ['blackjack']);
    });

    it('says what to do when the index cannot be read, and reads it again once rebuilt', async () => {
      writeFileSync(t.indexPath, 'not an index');
      const overview = await json<Overview>(await (await as('it')).get('/api/lists'));
      assert.equal(overview.index, null);
      assert.match(overview.indexProblem ?? '', /could not be read.*schoolgate lists compile/);
      assert.ok(overview.categories.every((c) => c.entries === 0));
      await json<Problem>(await (await as('it')).get('/api/lists/test?url=play.test'), 503);
      await compile();
      const result = await testUrl('play.test');
      assert.equal(result.groups.find((g) => g.group.id === 'staff')?.entry?.key, 'play.test');
    });

    it('refuses a missing, empty or unusable address naming the url field', async () => {
      const it_ = await as('it');
      for (const query of [
        '',
        '?url=',
        '?url=%20%20',
        `?url=${encodeURIComponent('ftp://files.test/')}`,
        `?url=${encodeURIComponent('http://exa mple.test/')}`,
        `?url=${'a'.repeat(2100)}.test`,
      ]) {
        const problem = await json<Problem>(await it_.get(`/api/lists/test${query}`), 400);
        assert.match(problem.type, /invalid$/);
        assert.ok(
          problem.errors?.some((e) => e.path === 'url'),
          `${query.slice(0, 40)}: ${JSON.stringify(problem)}`,
        );
      }
      const extra = await json<Problem>(await it_.get('/api/lists/test?url=a.test&group=x'), 400);
      assert.ok(extra.errors?.length);
      assert.equal((await it_.get('/api/lists?x=1')).status, 400);
    });
  });
}
