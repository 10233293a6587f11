import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EngineError } from '../../../src/engine/engine-error.js';
import { buildCategoryIndex } from '../../../src/engine/index/build-category-index.js';
import { loadCategoryIndex } from '../../../src/engine/index/load-category-index.js';
import { list, source } from './index-fixture.js';

describe('buildCategoryIndex', () => {
  it('merges duplicates across lists and counts distinct keys per category', () => {
    const { header } = loadCategoryIndex(
      buildCategoryIndex({
        builtAt: 7,
        lists: [
          list('adult', 'ut1/adult', ['blocked.example', 'blocked.example', 'host.example/a/']),
          list('adult', 'blp/porn', ['blocked.example', 'host.example/a']),
          list('gambling', 'ut1/gambling', ['blocked.example', 'bet.example']),
        ],
      }),
    );
    assert.equal(header.entryCount, 3);
    assert.deepEqual(header.categoryCounts, { adult: 2, gambling: 2 });
    assert.deepEqual(
      header.sources.map((s) => s.name),
      ['blp/porn', 'ut1/adult', 'ut1/gambling'],
    );
  });

  it('gives the same bytes whatever the order of lists and entries', () => {
    const a = list('adult', 'ut1/adult', ['blocked.example', 'host.example/a', '192.0.2.10']);
    const b = list('gambling', 'ut1/gambling', ['bet.example', 'blocked.example']);
    const reversed = { ...a, entries: [...a.entries].reverse() };
    assert.deepEqual(
      buildCategoryIndex({ builtAt: 1, lists: [a, b] }),
      buildCategoryIndex({ builtAt: 1, lists: [b, reversed] }),
    );
  });

  it('reports progress ending with done === total', () => {
    const calls: [number, number][] = [];
    const entries = Array.from({ length: 70_000 }, (_, i) => `d${i}.example`);
    buildCategoryIndex({
      builtAt: 0,
      lists: [list('adult', 'a', entries)],
      onProgress: (done, total) => calls.push([done, total]),
    });
    assert.deepEqual(calls, [
      [65_536, 70_000],
      [70_000, 70_000],
    ]);
  });

  it('keeps the first metadata of a source listed twice', () => {
    const first = { ...source('ut1/adult'), entries: 10, rejected: 2 };
    const { header } = loadCategoryIndex(
      buildCategoryIndex({
        builtAt: 0,
        lists: [
          { category: 'adult', source: first, entries: [] },
          { category: 'gambling', source: { ...first, entries: 99 }, entries: [] },
        ],
      }),
    );
    assert.deepEqual(header.sources, [first]);
  });

  it('holds more than 65,535 distinct category sets', () => {
    // Each entry sits in its own pair of 400 categories: 79,800 distinct sets.
    const entries = new Map<string, string[]>();
    for (let a = 0, n = 0; a < 400; a++) {
      for (let b = a + 1; b < 400; b++, n++) {
        const host = `d${n}.example`;
        for (const c of [a, b]) entries.set(`c${c}`, [...(entries.get(`c${c}`) ?? []), host]);
      }
    }
    const lists = [...entries].map(([category, hosts]) => list(category, 'src', hosts));
    const index = loadCategoryIndex(buildCategoryIndex({ builtAt: 0, lists }));
    assert.deepEqual(index.lookup('www.d79799.example', '/')?.categories, ['c398', 'c399']);
    assert.deepEqual(index.lookup('d0.example', '/')?.categories, ['c0', 'c1']);
  });

  it('throws SG_ERR_INDEX_LIMIT past 65,535 sources', () => {
    const lists = Array.from({ length: 65_536 }, (_, i) =>
      list('adult', `s${i}`, [`d${i}.example`]),
    );
    assert.throws(
      () => buildCategoryIndex({ builtAt: 0, lists }),
      (error: unknown) => EngineError.is(error, 'SG_ERR_INDEX_LIMIT'),
    );
    assert.doesNotThrow(() => buildCategoryIndex({ builtAt: 0, lists: lists.slice(1) }));
  });
});
