import { EngineError } from '../engine-error.js';
import type { IndexSource } from './category-index.js';
import { crc32 } from './crc32.js';
import { INDEX_FORMAT } from './index-format.js';
import type { IndexCategory, IndexImage, IndexSet } from './index-image.js';

const F = INDEX_FORMAT;
const utf8 = new TextEncoder();
const fromUtf8 = new TextDecoder('utf-8', { fatal: true });
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/** Options for reading an index. */
export interface DecodeOptions {
  /**
   * Check the CRC32 (default true). Pass false only for bytes another thread already loaded
   * with verification, e.g. a worker handed the main thread's SharedArrayBuffer: the
   * header, lengths and table bounds are still checked, the body checksum is not.
   */
  readonly verify?: boolean;
}

/**
 * Writes and reads the binary category index. `serialize` and `deserialize` walk the fields
 * in the same order (header, categories, sources, sets, padding, slots, CRC32) and
 * `getSerializedSize` is exact. Layout: `README.md`.
 *
 * NOTE: keep the three functions in step; a field added to one must be added to all three.
 *
 * ### Examples
 * ```ts
 * const bytes = IndexCodec.serialize(image);
 * bytes.length === IndexCodec.getSerializedSize(image); // true
 * IndexCodec.deserialize(bytes).slots.buffer === bytes.buffer; // a view, not a copy
 * ```
 */
export const IndexCodec = Object.freeze({ getSerializedSize, serialize, deserialize });

function getSerializedSize(image: IndexImage): number {
  return slotsOffset(image) + image.slots.byteLength + F.trailerBytes;
}

/** Bytes before the slot table: header and the three small tables, padded to 4. */
function slotsOffset(image: IndexImage): number {
  let size = F.headerBytes;
  for (const c of image.categories) size += 4 + stringSize(c.name);
  for (const s of image.sources) size += stringSize(s.name) + stringSize(s.sha256) + 8;
  for (const set of image.sets) size += 4 + 2 * (set.categories.length + set.sources.length);
  return (size + 3) & ~3;
}

function serialize(image: IndexImage): Uint8Array {
  const total = getSerializedSize(image);
  const bytes = new Uint8Array(total);
  const view = new DataView(bytes.buffer);
  let at = 0;
  const u16 = (v: number) => {
    view.setUint16(at, v, true);
    at += 2;
  };
  const u32 = (v: number) => {
    view.setUint32(at, v, true);
    at += 4;
  };
  const str = (s: string) => {
    const b = utf8.encode(s);
    u16(b.length);
    bytes.set(b, at);
    at += b.length;
  };
  u32(F.magic);
  u16(F.version);
  u16(0);
  view.setFloat64(at, image.builtAt, true);
  at += 8;
  for (const v of [total, image.entryCount, image.recordCount, image.categories.length]) u32(v);
  for (const v of [image.sources.length, image.sets.length, image.capacity]) u32(v);
  u32(image.slots.length / F.slotWords);
  for (const c of image.categories) {
    u32(c.entries);
    str(c.name);
  }
  for (const s of image.sources) {
    str(s.name);
    str(s.sha256);
    u32(s.entries);
    u32(s.rejected);
  }
  for (const set of image.sets) {
    u16(set.categories.length);
    u16(set.sources.length);
    for (const id of set.categories) u16(id);
    for (const id of set.sources) u16(id);
  }
  at = (at + 3) & ~3;
  if (LITTLE_ENDIAN) {
    new Uint32Array(bytes.buffer, at, image.slots.length).set(image.slots);
    at += image.slots.byteLength;
  } else {
    for (let i = 0; i < image.slots.length; i++) u32(image.slots[i]!);
  }
  u32(crc32(bytes, 0, at));
  if (at !== total) throw new Error(`index size mismatch: wrote ${at}, expected ${total}`);
  return bytes;
}

function deserialize(bytes: Uint8Array, options: DecodeOptions = {}): IndexImage {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const length = bytes.length;
  if (length >= 4 && view.getUint32(0, true) !== F.magic)
    throw EngineError.create('SG_ERR_INDEX_MAGIC');
  if (length < F.headerBytes) corrupt(`truncated to ${length} bytes`);
  const version = view.getUint16(4, true);
  if (version !== F.version) throw EngineError.create('SG_ERR_INDEX_VERSION', version, F.version);
  if (!LITTLE_ENDIAN) throw EngineError.create('SG_ERR_INDEX_LIMIT', 'big-endian hosts');
  let at = 6;
  const need = (n: number) => {
    if (at + n > length - F.trailerBytes) corrupt(`field at byte ${at} runs past the end`);
  };
  const u16 = () => {
    need(2);
    at += 2;
    return view.getUint16(at - 2, true);
  };
  const u32 = () => {
    need(4);
    at += 4;
    return view.getUint32(at - 4, true);
  };
  const str = () => {
    const n = u16();
    need(n);
    at += n;
    try {
      return fromUtf8.decode(bytes.subarray(at - n, at));
    } catch {
      return corrupt(`bad UTF-8 at byte ${at - n}`);
    }
  };
  const flags = u16();
  const builtAt = view.getFloat64(at, true);
  at += 8;
  const total = u32();
  if (total !== length) corrupt(`length ${length} differs from recorded ${total}`);
  if (
    options.verify !== false &&
    crc32(bytes, 0, length - 4) !== view.getUint32(length - 4, true)
  ) {
    corrupt('checksum mismatch');
  }
  if ((flags & ~F.knownFlags) !== 0) corrupt(`unknown flags ${flags}`);
  const [entryCount, recordCount, categoryCount, sourceCount, setCount] = [
    u32(),
    u32(),
    u32(),
    u32(),
    u32(),
  ];
  const capacity = u32();
  const slotCount = u32();
  const categories: IndexCategory[] = [];
  for (let i = 0; i < categoryCount; i++) {
    const entries = u32();
    categories.push({ name: str(), entries });
  }
  const sources: IndexSource[] = [];
  for (let i = 0; i < sourceCount; i++) {
    const name = str();
    const sha256 = str();
    sources.push({ name, sha256, entries: u32(), rejected: u32() });
  }
  const sets: IndexSet[] = [];
  for (let i = 0; i < setCount; i++) {
    const nc = u16();
    const ns = u16();
    const cats: number[] = [];
    const srcs: number[] = [];
    for (let k = 0; k < nc; k++) cats.push(checkId(u16(), categoryCount));
    for (let k = 0; k < ns; k++) srcs.push(checkId(u16(), sourceCount));
    sets.push({ categories: cats, sources: srcs });
  }
  at = (at + 3) & ~3;
  if (at + slotCount * F.slotWords * 4 + F.trailerBytes !== length) corrupt('slot table size');
  if (capacity < 1 || slotCount < capacity + 1 || recordCount >= slotCount) corrupt('slot counts');
  const slots = slotView(bytes, at, slotCount * F.slotWords);
  if (slots[slots.length - 1] !== 0) corrupt('slot table lacks its end marker');
  return {
    kind: 'IndexImage',
    builtAt,
    entryCount,
    recordCount,
    categories,
    sources,
    sets,
    capacity,
    slots,
  };
}

/**
 * A u32 view over the slot table, sharing the caller's buffer (SharedArrayBuffer included).
 * Only when the caller's Uint8Array starts off a 4-byte boundary is the table copied.
 */
function slotView(bytes: Uint8Array, at: number, words: number): Uint32Array {
  const start = bytes.byteOffset + at;
  if ((start & 3) === 0) return new Uint32Array(bytes.buffer, start, words);
  return new Uint32Array(bytes.slice(at, at + words * 4).buffer);
}

function checkId(id: number, count: number): number {
  if (id >= count) corrupt(`set refers to id ${id} of ${count}`);
  return id;
}

function stringSize(s: string): number {
  const n = utf8.encode(s).length;
  if (n > 0xffff) throw EngineError.create('SG_ERR_INDEX_LIMIT', `name of ${n} bytes`);
  return 2 + n;
}

function corrupt(why: string): never {
  throw EngineError.create('SG_ERR_INDEX_CORRUPT', why);
}
