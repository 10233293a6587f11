import { EngineError } from '../engine-error.js';
import type { IndexSource } from './category-index.js';
import { hashEntryKey } from './hash-entry-key.js';
import type { IndexBuildInput } from './index-build-input.js';
import { INDEX_FORMAT } from './index-format.js';
import type { IndexCategory, IndexImage, IndexSet } from './index-image.js';
import { KeyHash } from './key-hash.js';
import { RecordFlag } from './record-flag.js';
import { sortByHash } from './sort-by-hash.js';

const NO_PAIR = 0xffffffff;
const PROGRESS_EVERY = 65536;
const ENTRY_FLAGS = RecordFlag.domain | RecordFlag.ip | RecordFlag.url;

/**
 * Compiles parsed lists into an `IndexImage`: one row per (entry, category, source), sorted by
 * key hash, rows with the same key merged into one record whose set id names every category
 * and source it came from, then placed in an ordered slot table.
 *
 * Sources are deduplicated by name (the first occurrence's metadata wins) and sorted by name;
 * categories are sorted by name, so the same lists always give the same bytes.
 *
 * ### Examples
 * ```ts
 * const image = compileIndexImage({ builtAt: 0, lists: [{ category: 'adult', source, entries }] });
 * image.entryCount // distinct keys
 * ```
 */
export function compileIndexImage(input: IndexBuildInput): IndexImage {
  const sourceByName = new Map<string, IndexSource>();
  const categoryNames = new Set<string>();
  let total = 0;
  let urls = 0;
  for (const list of input.lists) {
    if (!sourceByName.has(list.source.name)) sourceByName.set(list.source.name, list.source);
    categoryNames.add(list.category);
    total += list.entries.length;
    for (const entry of list.entries) if (entry.kind === 'url') urls++;
  }
  const sources = [...sourceByName.values()].sort((a, b) => compare(a.name, b.name));
  const names = [...categoryNames].sort(compare);
  limit(names.length <= INDEX_FORMAT.maxCategories, `${names.length} categories`);
  limit(sources.length <= INDEX_FORMAT.maxSources, `${sources.length} sources`);
  const sourceId = new Map(sources.map((s, i) => [s.name, i]));
  const categoryId = new Map(names.map((n, i) => [n, i]));

  // One row per entry plus one hostHasUrl marker row per URL entry.
  const rows = total + urls;
  limit(rows <= 2 ** 31, `${total} entries`);
  const rowHi = new Uint32Array(rows);
  const rowLo = new Uint32Array(rows);
  const rowFlags = new Uint8Array(rows);
  const rowPair = new Uint32Array(rows);
  const out = new Uint32Array(4);
  let row = 0;
  let done = 0;
  for (const list of input.lists) {
    const pair = categoryId.get(list.category)! * sources.length + sourceId.get(list.source.name)!;
    for (const entry of list.entries) {
      const flags = hashEntryKey(entry, out);
      rowHi[row] = out[0]!;
      rowLo[row] = out[1]!;
      rowFlags[row] = flags;
      rowPair[row++] = pair;
      if (flags & RecordFlag.url) {
        rowHi[row] = out[2]!;
        rowLo[row] = out[3]!;
        rowFlags[row] = RecordFlag.hostHasUrl;
        rowPair[row++] = NO_PAIR;
      }
      if (++done % PROGRESS_EVERY === 0) input.onProgress?.(done, total);
    }
  }

  const order = sortByHash(rowHi, rowLo, rows);
  const sets: IndexSet[] = [];
  const setByKey = new Map<string, number>();
  const setByPair = new Map<number, number>();
  const recHi = new Uint32Array(rows);
  const recLo = new Uint32Array(rows);
  const recMeta = new Uint32Array(rows);
  const setUses: number[] = [];
  let records = 0;
  let entries = 0;
  const pairs: number[] = [];
  for (let start = 0; start < rows; ) {
    const first = order[start]!;
    const hi = rowHi[first]!;
    const lo = rowLo[first]!;
    let flags = 0;
    let allWww = RecordFlag.listedWithWww;
    pairs.length = 0;
    let end = start;
    for (; end < rows; end++) {
      const r = order[end]!;
      if (rowHi[r] !== hi || rowLo[r] !== lo) break;
      const f = rowFlags[r]!;
      flags |= f;
      if (f & RecordFlag.url) allWww &= f;
      if (rowPair[r] !== NO_PAIR && !pairs.includes(rowPair[r]!)) pairs.push(rowPair[r]!);
    }
    start = end;
    flags = (flags & ~RecordFlag.listedWithWww) | allWww;
    if (!(flags & RecordFlag.url)) flags &= ~RecordFlag.listedWithWww;
    let setId: number = INDEX_FORMAT.noSet;
    if (pairs.length === 1) {
      setId = setByPair.get(pairs[0]!) ?? -1;
      if (setId < 0) {
        setId = internSet(pairs, sources.length, sets, setByKey);
        setByPair.set(pairs[0]!, setId);
      }
    } else if (pairs.length > 1) {
      setId = internSet(pairs, sources.length, sets, setByKey);
    }
    if (flags & ENTRY_FLAGS) {
      entries++;
      setUses[setId] = (setUses[setId] ?? 0) + 1;
    }
    recHi[records] = hi;
    recLo[records] = lo;
    recMeta[records++] = setId | (flags << 24);
  }
  limit(records <= INDEX_FORMAT.maxRecords, `${records} keys`);

  const categoryEntries = names.map(() => 0);
  sets.forEach((set, id) => {
    for (const c of set.categories) categoryEntries[c]! += setUses[id] ?? 0;
  });
  const categories: IndexCategory[] = names.map((name, i) => ({
    name,
    entries: categoryEntries[i]!,
  }));
  const { capacity, slots } = placeRecords(recHi, recLo, recMeta, records);
  input.onProgress?.(total, total);
  return {
    kind: 'IndexImage',
    builtAt: input.builtAt,
    entryCount: entries,
    recordCount: records,
    categories,
    sources,
    sets,
    capacity,
    slots,
  };
}

/**
 * Lays sorted records into the ordered slot table: each at its home slot or just after the
 * previous record, so the table stays sorted and every key sits at or after its home with no
 * empty slot in between (what lets a probe stop at the first empty or larger slot).
 */
function placeRecords(hi: Uint32Array, lo: Uint32Array, meta: Uint32Array, records: number) {
  const capacity = Math.max(1, Math.ceil(records / INDEX_FORMAT.loadFactor));
  const position = new Uint32Array(records);
  let next = 0;
  for (let r = 0; r < records; r++) {
    const p = Math.max(KeyHash.home(hi[r]!, capacity), next);
    position[r] = p;
    next = p + 1;
  }
  // At least one empty slot past the last record ends every probe without a bounds check.
  const slotCount = Math.max(capacity, next) + 1;
  const slots = new Uint32Array(slotCount * INDEX_FORMAT.slotWords);
  for (let r = 0; r < records; r++) {
    const at = position[r]! * 3;
    slots[at] = hi[r]!;
    slots[at + 1] = lo[r]!;
    slots[at + 2] = meta[r]!;
  }
  return { capacity, slots };
}

/** Returns the id of the set made of `pairs` (category * sourceCount + source), adding it. */
function internSet(
  pairs: readonly number[],
  sourceCount: number,
  sets: IndexSet[],
  setByKey: Map<string, number>,
): number {
  const categories = [...new Set(pairs.map((p) => Math.floor(p / sourceCount)))].sort(byNumber);
  const sources = [...new Set(pairs.map((p) => p % sourceCount))].sort(byNumber);
  const key = `${categories.join(',')}|${sources.join(',')}`;
  let id = setByKey.get(key);
  if (id === undefined) {
    id = sets.length;
    limit(id < INDEX_FORMAT.maxSets, `more than ${INDEX_FORMAT.maxSets} category sets`);
    sets.push({ categories, sources });
    setByKey.set(key, id);
  }
  return id;
}

function limit(ok: boolean, what: string): void {
  if (!ok) throw EngineError.create('SG_ERR_INDEX_LIMIT', what);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function byNumber(a: number, b: number): number {
  return a - b;
}
