import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { gunzipSync } from 'node:zlib';
import fc from 'fast-check';
import { compilePhrases } from '../../../src/engine/phrases/compile-phrases.js';
import { decodeListLines } from '../../../src/engine/phrases/decode-list-lines.js';
import { parseE2guardianPhrases } from '../../../src/engine/phrases/parse-e2guardian-phrases.js';
import type { PhraseKind } from '../../../src/engine/phrases/phrase-types.js';
import { SHARED_DATA as SHARED } from '../../support/shared-data.js';
import { readTarGz } from './read-tar-gz.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 200);
const FIXTURES = new URL('../../fixtures/phrases/', import.meta.url);
const E2G = new URL('phrases/e2guardian/', SHARED);
const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);
const parse = (text: string | Uint8Array, kind: PhraseKind = 'weighted') =>
  parseE2guardianPhrases(typeof text === 'string' ? utf8(text) : text, { source: 'test', kind });

describe('parseE2guardianPhrases syntax', () => {
  const cases = [
    { name: 'weighted', input: '<kitten><20>', want: [{ phrases: ['kitten'], weight: 20 }] },
    {
      name: 'negative_weight',
      input: '<pet care><-15>',
      want: [{ phrases: ['pet care'], weight: -15 }],
    },
    { name: 'edge_spaces_kept', input: '< cat ><5>', want: [{ phrases: [' cat '], weight: 5 }] },
    {
      name: 'combination',
      input: '<dog>,<lead>,< walk><10>',
      want: [{ phrases: ['dog', 'lead', ' walk'], weight: 10 }],
    },
    {
      name: 'spaces_between_groups',
      input: '<a b>, <c> <10>',
      want: [{ phrases: ['a b', 'c'], weight: 10 }],
    },
    {
      name: 'trailing_comment',
      input: '<tea><5>\t#drink',
      want: [{ phrases: ['tea'], weight: 5 }],
    },
    {
      name: 'comments_and_blanks',
      input: '# note\n\n   \n<tea><5>\n',
      want: [{ phrases: ['tea'], weight: 5 }],
    },
    {
      name: 'crlf_and_bom',
      input: '\ufeff<tea><5>\r\n<cake><6>\r\n',
      want: [
        { phrases: ['tea'], weight: 5 },
        { phrases: ['cake'], weight: 6 },
      ],
    },
    {
      name: 'weightless_line_in_weighted_file',
      input: '<scone>',
      want: [{ phrases: ['scone'], weight: 0 }],
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const got = parse(c.input);
      assert.deepEqual(got.rejected, []);
      assert.deepEqual(
        got.rules.map((r) => ({ phrases: [...r.phrases], weight: r.weight })),
        c.want,
      );
    });
  }

  it('banned_and_exception_files', () => {
    const banned = parse('<jam>\n<jam>,<toast>\n<jam><10>\n', 'banned');
    assert.deepEqual(
      banned.rules.map((r) => [r.kind, r.phrases.length, r.weight]),
      [
        ['banned', 1, 0],
        ['banned', 2, 0],
      ],
    );
    assert.equal(banned.rejected[0]?.problem, 'banned lists take no weight');
    assert.equal(parse('<homework help>', 'exception').rules[0]?.kind, 'exception');
  });

  it('headers_name_category_and_language', () => {
    const got = parseE2guardianPhrases(readFileSync(new URL('sample-list.txt', FIXTURES)), {
      source: 'schoolgate/garden',
      kind: 'weighted',
    });
    assert.equal(got.listCategory, 'garden-test');
    assert.equal(got.lang, 'en');
    assert.equal(got.rules.length, 5);
    assert.ok(
      got.rules.every((r) => r.category === 'garden-test' && r.source === 'schoolgate/garden'),
    );
    assert.deepEqual(
      got.rules.map((r) => r.line),
      [4, 5, 6, 7, 8],
    );
    const m = compilePhrases(got.rules);
    assert.deepEqual(m.scan('greenfly on the roses, and weeds').scores, { 'garden-test': 50 });
    assert.deepEqual(m.scan('weeds? call the pest control helpline').scores, {
      'garden-test': -20,
    });
  });

  it('category_option_overrides_header', () => {
    const got = parseE2guardianPhrases(utf8('#listcategory: "Old"\n<a1><5>'), {
      source: 's',
      kind: 'weighted',
      category: 'new',
    });
    assert.equal(got.rules[0]?.category, 'new');
    assert.equal(got.listCategory, 'Old');
  });

  it('includes_resolve_through_callback', () => {
    const files: Record<string, string> = {
      '/lists/a': '#listcategory: "A"\n<apple><5>\n.Include</lists/b>\n',
      '/lists/b': '<banana><6>\n.Include</lists/a>\n.Include</lists/missing>\n',
    };
    const got = parseE2guardianPhrases(utf8('.Include</lists/a>\n<top><1>\n'), {
      source: 'top',
      kind: 'weighted',
      readInclude: (path) => (path in files ? utf8(files[path]!) : null),
    });
    assert.deepEqual(
      got.rules.map((r) => [r.phrases[0], r.category, r.source]),
      [
        ['apple', 'A', '/lists/a'],
        ['banana', 'A', '/lists/b'],
        ['top', 'top', 'top'],
      ],
    );
    assert.deepEqual(
      got.rejected.map((r) => [r.source, r.line, r.problem]),
      [
        ['/lists/b', 2, 'include cycle'],
        ['/lists/b', 3, 'included file not found'],
      ],
    );
  });

  it('malformed_shapes_are_rejected_with_line_and_problem', () => {
    const got = parseE2guardianPhrases(readFileSync(new URL('malformed-lines.txt', FIXTURES)), {
      source: 'fixture',
      kind: 'weighted',
    });
    assert.deepEqual(
      got.rules.map((r) => r.phrases[0]),
      ['good line'],
    );
    assert.deepEqual(
      got.rejected.map((r) => r.line),
      [4, 5, 6, 7, 8, 9, 10, 11, 12],
    );
    for (const r of got.rejected) assert.ok(r.problem.length > 0 && r.text.length > 0);
  });

  it('fuzzed_lines_never_throw', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom(...'<>,#-0123456789 ab\n.Include\u00e9'.split('')) }),
        (text) => {
          const got = parse(text);
          for (const r of got.rules) assert.ok(r.phrases.length > 0 && Number.isFinite(r.weight));
        },
      ),
      { numRuns: RUNS },
    );
  });
});

describe('decodeListLines', () => {
  const cases = [
    { name: 'utf8', bytes: [0x63, 0x61, 0x66, 0xc3, 0xa9], want: ['café', 'utf-8'] },
    { name: 'windows_1252', bytes: [0x63, 0x61, 0x66, 0xe9], want: ['café', 'windows-1252'] },
    {
      name: 'windows_1251',
      bytes: [0xea, 0xee, 0xf2, 0xee, 0xe2],
      want: ['котов', 'windows-1251'],
    },
    { name: 'euc_jp', bytes: [0xa4, 0xcd, 0xa4, 0xb3], want: ['ねこ', 'euc-jp'] },
    { name: 'shift_jis', bytes: [0x82, 0xcb, 0x82, 0xb1], want: ['ねこ', 'shift_jis'] },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const [line] = decodeListLines(new Uint8Array(c.bytes));
      assert.deepEqual([line?.text, line?.encoding], c.want);
    });
  }

  it('mixed_lines_each_decoded', () => {
    const bytes = new Uint8Array([
      ...utf8('<ねこ><5>\n<'),
      0xa4,
      0xcd,
      0xa4,
      0xb3,
      ...utf8('><5>\n<'),
      0x82,
      0xcb,
      0x82,
      0xb1,
      ...utf8('><5>\n'),
    ]);
    const got = parse(bytes);
    assert.deepEqual(
      got.rules.map((r) => r.phrases[0]),
      ['ねこ', 'ねこ', 'ねこ'],
    );
  });
});

describe('e2guardian lists from shared data', () => {
  const present = existsSync(new URL('e2guardian-5.3.5-lists.tar.gz', E2G));
  const load = () => {
    const files = readTarGz(readFileSync(new URL('e2guardian-5.3.5-lists.tar.gz', E2G)));
    const summary = readFileSync(new URL('phraselists-summary.tsv', E2G), 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => l.split('\t'));
    const readInclude = (path: string) =>
      files.get(path.replace(/^\/etc\/e2guardian\/lists\//, 'lists/')) ?? null;
    return { files, summary, readInclude };
  };

  it('every_list_matches_the_reference_counts', (t) => {
    if (!present) return t.skip('shared data absent: ../shared/data not found');
    const { files, summary } = load();
    const reference = gunzipSync(readFileSync(new URL('phraselists.jsonl.gz', E2G)))
      .toString('utf8')
      .trim()
      .split('\n')
      .map(
        (l) => JSON.parse(l) as { file: string; line: number; phrases: string[]; encoding: string },
      );
    assert.equal(summary.length, 136);
    let total = 0;
    let samePhrases = 0;
    let compared = 0;
    const all = [];
    for (const [file, , , kind, entries, unparsed] of summary) {
      const bytes = files.get(`lists/${file}`);
      assert.ok(bytes, `tarball holds ${file}`);
      const got = parseE2guardianPhrases(bytes, { source: file!, kind: kind as PhraseKind });
      assert.equal(got.rules.length, Number(entries), `entries in ${file}`);
      assert.equal(got.rejected.length, Number(unparsed), `rejected lines in ${file}`);
      total += got.rules.length;
      all.push(...got.rules);
      const byLine = new Map(got.rules.map((r) => [r.line, r.phrases.join('\u0000')]));
      for (const ref of reference) {
        if (ref.file !== file || ref.encoding === 'cp932' || ref.encoding === 'euc_jp') continue;
        compared++;
        if (byLine.get(ref.line) === ref.phrases.join('\u0000')) samePhrases++;
      }
    }
    assert.equal(total, 19851);
    // Every non-Japanese entry decodes to exactly the reference text (UTF-8, 1252, 1251).
    assert.equal(samePhrases, compared);
    const m = compilePhrases(all);
    assert.equal(m.skipped.length, 0);
  });

  it('top_level_lists_resolve_includes', (t) => {
    if (!present) return t.skip('shared data absent: ../shared/data not found');
    const { files, readInclude } = load();
    for (const [name, kind] of [
      ['weightedphraselist', 'weighted'],
      ['bannedphraselist', 'banned'],
      ['exceptionphraselist', 'exception'],
    ] as const) {
      const got = parseE2guardianPhrases(files.get(`lists/${name}`)!, {
        source: name,
        kind,
        readInclude,
      });
      // Counts only: rejected lines hold list text, which must never reach test output.
      const missing = got.rejected.filter((r) => r.problem.includes('include')).length;
      assert.equal(missing, 0, `includes of ${name} all found`);
      assert.ok(got.rules.length > 0, `${name} has rules through includes`);
      assert.ok(got.rules.every((r) => r.source.startsWith('/etc/e2guardian/lists/phraselists/')));
    }
  });

  it('japanese_list_sections_decode_to_the_same_phrases', (t) => {
    if (!present) return t.skip('shared data absent: ../shared/data not found');
    const { files } = load();
    const bytes = files.get('lists/phraselists/japanese/pornography/weighted')!;
    const lines = decodeListLines(bytes);
    const got = parseE2guardianPhrases(bytes, { source: 'ja', kind: 'weighted' });
    const sectionOf: string[] = [];
    let section = '';
    lines.forEach((l, i) => {
      section = /^#(Shift_JIS|UTF-8|EUC-JP)\s*$/i.exec(l.text)?.[1] ?? section;
      sectionOf[i + 1] = section;
    });
    const sets = new Map<string, Set<string>>();
    for (const r of got.rules) {
      const s = sectionOf[r.line]!;
      if (!sets.has(s)) sets.set(s, new Set());
      sets.get(s)!.add(r.phrases.join(','));
      const want = s === 'UTF-8' ? 'utf-8' : s === 'EUC-JP' ? 'euc-jp' : 'shift_jis';
      if (lines[r.line - 1]!.encoding !== want)
        assert.equal(r.line, 194, 'only the truncated upstream line');
    }
    assert.deepEqual([...sets.keys()].sort(), ['EUC-JP', 'Shift_JIS', 'UTF-8']);
    const reference = sets.get('UTF-8')!;
    for (const [name, set] of sets) {
      const shared = [...set].filter((p) => reference.has(p)).length;
      // Upstream's copies differ by a phrase or two (and one truncated EUC-JP line).
      assert.ok(shared >= reference.size - 1, `${name} shares ${shared} of ${reference.size}`);
      assert.ok(set.size - shared <= 2, `${name} has ${set.size - shared} extra phrases`);
    }
  });

  it('the_44_malformed_upstream_lines_are_handled', (t) => {
    const path = new URL('phraselists-unparsed-lines.jsonl', E2G);
    if (!existsSync(path)) return t.skip('shared data absent: ../shared/data not found');
    // Not copied into fixtures: the lines are explicit. Read in place, never printed.
    const rows = readFileSync(path, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { file: string; line: number; text: string });
    assert.equal(rows.length, 44);
    for (const row of rows) {
      const got = parse(row.text);
      assert.equal(got.rules.length, 0, `${row.file}:${row.line} is rejected`);
      assert.equal(got.rejected.length, 1);
    }
  });
});
