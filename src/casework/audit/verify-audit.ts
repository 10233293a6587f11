import type { Kysely } from 'kysely';
import type { AuditLogTable, Database } from '../../store/schema.js';
import { AuditProblem } from './audit-problem.js';
import { AUDIT_GENESIS_HASH, auditRowHash } from './audit-row-hash.js';
import { auditRowPages } from './audit-row-pages.js';
import { type SeqRange, subtractSeqRanges } from './seq-ranges.js';

export interface VerifyAuditOptions {
  /** Called after each page with the rows checked so far and the number expected. */
  onProgress?(done: number, total: number): void;
  /** Rows per query (default 10,000). */
  readonly pageSize?: number;
  /**
   * A row's hash written down or sent elsewhere earlier (a full hash or a prefix of at least
   * 8 hex digits): catches a rewrite of the whole trail by someone who recomputed every hash.
   */
  readonly expect?: { readonly seq: number; readonly hash: string };
}

/** What `verifyAudit` found. `ok` is true only when there are no problems at all. */
export interface AuditVerification {
  readonly ok: boolean;
  /** Rows checked. */
  readonly rows: number;
  /** The head as it was when the check began (null: there is none, a new or emptied store). */
  readonly head: { readonly seq: number; readonly hash: string } | null;
  /** In seq order, at most `MAX_PROBLEMS`; `omitted` says how many more there were. */
  readonly problems: readonly AuditProblem[];
  readonly omitted: number;
}

/** How far from its seq a row's hash is searched for (sha256 is ~1 µs: 512 tries per bad row). */
const SHIFT_WINDOW = 256;
/** Rows that fail their hash and get the costly searches; the rest are reported as edited. */
const MAX_SUSPECTS = 1000;
/** Problems kept in the result: more than this is a wholesale attack, and the count says so. */
const MAX_PROBLEMS = 1000;

interface Placed {
  readonly seq: number;
  readonly hash: string;
  /** The seq the row was written with; for an edited row, where it is (the best guess). */
  readonly origin: number;
  /** False for an edited row, or one whose place pass 2 has still to find. */
  readonly intact: boolean;
}

interface Moved {
  readonly seq: number;
  count: number;
  readonly writtenAs: number;
}

/**
 * Checks the audit trail end to end and says which rows were edited, removed or reordered.
 * Each row's hash is recomputed over its content and seq (`auditRowHash`). A row whose hash
 * matches another seq was moved; its seq is found by trying nearby seqs, by continuing the run
 * before it (a renumbered block), or, for a row moved far, by a second pass that finds its
 * neighbours in the chain by hash. Places no row was written for are `missing`. The head is
 * compared with the newest row, which catches a deleted tail.
 *
 * Rows appended while it runs are not checked (it reads the head and the newest seq once, at
 * the start, then pages through rows up to there); it takes no lock.
 *
 * ### Examples
 * ```ts
 * const result = await verifyAudit(store.db, { onProgress: (done, total) => bar.update(done, total) });
 * for (const p of result.problems) console.log(p.message); // 'row 5 is missing (between rows 4 and 6)'
 * ```
 */
export async function verifyAudit(
  db: Kysely<Database>,
  options: VerifyAuditOptions = {},
): Promise<AuditVerification> {
  const pageSize = options.pageSize ?? 10_000;
  if (options.expect !== undefined && !/^[0-9a-f]{8,64}$/i.test(options.expect.hash)) {
    throw new Error('the expected hash must be 8 to 64 hex digits');
  }
  // One statement, so the head and the newest row come from the same snapshot.
  const start = await db
    .selectNoFrom((eb) => [
      eb
        .selectFrom('audit_log')
        .select((e) => e.fn.max('seq').as('m'))
        .as('max_seq'),
      eb.selectFrom('audit_head').select('seq').where('id', '=', 1).as('head_seq'),
      eb.selectFrom('audit_head').select('hash').where('id', '=', 1).as('head_hash'),
    ])
    .executeTakeFirstOrThrow();
  const head =
    start.head_seq === null || start.head_hash === null
      ? null
      : { seq: Number(start.head_seq), hash: start.head_hash };
  const maxSeq = start.max_seq === null ? 0 : Number(start.max_seq);
  const upTo = Math.max(head?.seq ?? 0, maxSeq);
  // Rows deleted from the middle and the rest renumbered down leave the head ahead of the
  // last row by the number deleted: the shift to try first, whatever its size.
  const headShift = Math.max(0, (head?.seq ?? 0) - maxSeq);

  const edited: number[] = [];
  const moved: Moved[] = [];
  const gaps: SeqRange[] = [];
  const links: [number, number][] = [];
  const suspects: AuditLogTable[] = [];
  let tail = { origin: 0, hash: AUDIT_GENESIS_HASH };
  let prev: Placed | undefined;
  let rows = 0;
  let maxStored = 0;
  let nextStored = 1;

  const addMoved = (seq: number, writtenAs: number) => {
    const last = moved[moved.length - 1];
    if (last && last.seq + last.count === seq && last.writtenAs + last.count === writtenAs) {
      last.count += 1;
    } else {
      moved.push({ seq, count: 1, writtenAs });
    }
  };
  const reachTail = (origin: number, hash: string) => {
    if (origin > tail.origin) tail = { origin, hash };
  };

  for await (const page of auditRowPages(db, upTo, pageSize)) {
    for (const row of page) {
      rows += 1;
      if (row.seq > nextStored) gaps.push([Math.max(1, nextStored), row.seq - 1]);
      nextStored = row.seq + 1;
      maxStored = Math.max(maxStored, row.seq);
      const origin = placeRow(row, prev, headShift, suspects.length < MAX_SUSPECTS);
      if (origin === undefined) {
        suspects.push(row);
        prev = { seq: row.seq, hash: row.hash, origin: row.seq, intact: false };
        continue;
      }
      if (origin === null) {
        edited.push(row.seq);
        reachTail(row.seq, row.hash);
        prev = { seq: row.seq, hash: row.hash, origin: row.seq, intact: false };
        continue;
      }
      if (origin !== row.seq) addMoved(row.seq, origin);
      const expected =
        origin === 1 ? AUDIT_GENESIS_HASH : prev?.intact && prev.origin === origin - 1 && prev.hash;
      if (typeof expected === 'string' && row.prev_hash !== expected) {
        links.push([prev?.seq ?? 0, row.seq]);
      }
      reachTail(origin, row.hash);
      prev = { seq: row.seq, hash: row.hash, origin, intact: true };
    }
    options.onProgress?.(rows, Math.max(rows, upTo));
  }

  if (suspects.length > 0) {
    for (const found of await placeFarRows(db, upTo, pageSize, suspects, moved)) {
      if (found.origin === null) edited.push(found.row.seq);
      else moved.push({ seq: found.row.seq, count: 1, writtenAs: found.origin });
      reachTail(found.origin ?? found.row.seq, found.row.hash);
    }
  }

  const problems: AuditProblem[] = [];
  for (const seq of edited) problems.push(AuditProblem.edited(seq));
  for (const [prevSeq, seq] of links) problems.push(AuditProblem.brokenLink(prevSeq, seq));
  const sortedMoved = mergeMoved(moved);
  for (const m of sortedMoved) problems.push(AuditProblem.reordered(m.seq, m.count, m.writtenAs));
  // Places nobody occupies: gaps, places moved rows left, and past the last stored seq up to
  // the newest written one; minus the places moved rows were written for.
  const vacated: SeqRange[] = [...gaps, ...sortedMoved.map((m) => span(m.seq, m.count))];
  if (tail.origin > maxStored) vacated.push([maxStored + 1, tail.origin]);
  const filled = sortedMoved.map((m) => span(m.writtenAs, m.count));
  // Past the newest row written is the head's business (tail-missing), not a gap.
  for (const [first, last] of subtractSeqRanges(vacated, filled)) {
    const end = Math.min(last, tail.origin - 1);
    if (first <= end) problems.push(AuditProblem.missing(first - 1, end + 1));
  }
  if (head === null) {
    if (rows > 0) problems.push(AuditProblem.headMismatch(null, tail.origin));
  } else if (head.seq > tail.origin) {
    problems.push(AuditProblem.tailMissing(head.seq, tail.origin));
  } else if (head.seq < tail.origin || head.hash !== tail.hash) {
    problems.push(AuditProblem.headMismatch(head.seq, tail.origin));
  }

  if (options.expect !== undefined) {
    const { seq, hash } = options.expect;
    const found = await db
      .selectFrom('audit_log')
      .select('hash')
      .where('seq', '=', seq)
      .executeTakeFirst();
    if (found === undefined || !found.hash.startsWith(hash.toLowerCase())) {
      problems.push(AuditProblem.rewritten(seq, hash, found?.hash ?? null));
    }
  }

  // By seq; at the same seq a gap reads best before what fills the place after it.
  problems.sort(
    (a, b) =>
      problemSeq(a) - problemSeq(b) || Number(b.kind === 'missing') - Number(a.kind === 'missing'),
  );
  return {
    ok: problems.length === 0,
    rows,
    head,
    problems: problems.slice(0, MAX_PROBLEMS),
    omitted: Math.max(0, problems.length - MAX_PROBLEMS),
  };
}

/**
 * The seq `row` was written with: its own, the next after the row before it (a renumbered
 * block), or one nearby. `null`: edited. `undefined`: not found nearby, for pass 2.
 */
function placeRow(
  row: AuditLogTable,
  prev: Placed | undefined,
  headShift: number,
  maySearch: boolean,
): number | null | undefined {
  if (auditRowHash(row) === row.hash) return row.seq;
  if (prev?.intact && row.prev_hash === prev.hash && hashesAt(row, prev.origin + 1)) {
    return prev.origin + 1;
  }
  if (!maySearch) return null;
  if (headShift > 0 && hashesAt(row, row.seq + headShift)) return row.seq + headShift;
  for (let d = 1; d <= SHIFT_WINDOW; d += 1) {
    if (hashesAt(row, row.seq + d)) return row.seq + d;
    if (row.seq - d >= 1 && hashesAt(row, row.seq - d)) return row.seq - d;
  }
  return undefined;
}

function hashesAt(row: AuditLogTable, seq: number): boolean {
  return seq >= 1 && auditRowHash({ ...row, seq }) === row.hash;
}

/**
 * Pass 2, for rows moved further than the window: reads the trail again to find, by hash,
 * the row each suspect was written after (its `prev_hash`) and the one written after it, and
 * tries the seqs they imply. Not found either way: edited.
 */
async function placeFarRows(
  db: Kysely<Database>,
  upTo: number,
  pageSize: number,
  suspects: readonly AuditLogTable[],
  moved: readonly Moved[],
): Promise<{ row: AuditLogTable; origin: number | null }[]> {
  const byPrevHash = new Map<string, number[]>();
  const byHash = new Map<string, number[]>();
  suspects.forEach((s, i) => {
    byPrevHash.set(s.prev_hash, [...(byPrevHash.get(s.prev_hash) ?? []), i]);
    byHash.set(s.hash, [...(byHash.get(s.hash) ?? []), i]);
  });
  const candidates = suspects.map(() => new Set<number>());
  for await (const page of auditRowPages(db, upTo, pageSize)) {
    for (const row of page) {
      const origin = originOf(row.seq, moved);
      for (const i of byPrevHash.get(row.hash) ?? []) candidates[i]!.add(origin + 1);
      for (const i of byHash.get(row.prev_hash) ?? []) candidates[i]!.add(origin - 1);
    }
  }
  return suspects.map((row, i) => ({
    row,
    origin: [...candidates[i]!].find((seq) => hashesAt(row, seq)) ?? null,
  }));
}

/** Where the row now at `seq` was written, as far as pass 1 knows. */
function originOf(seq: number, moved: readonly Moved[]): number {
  let lo = 0;
  let hi = moved.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const m = moved[mid]!;
    if (seq < m.seq) hi = mid - 1;
    else if (seq >= m.seq + m.count) lo = mid + 1;
    else return m.writtenAs + (seq - m.seq);
  }
  return seq;
}

function mergeMoved(moved: readonly Moved[]): Moved[] {
  const out: Moved[] = [];
  for (const m of [...moved].sort((a, b) => a.seq - b.seq)) {
    const last = out[out.length - 1];
    if (last && last.seq + last.count === m.seq && last.writtenAs + last.count === m.writtenAs) {
      last.count += m.count;
    } else {
      out.push({ ...m });
    }
  }
  return out;
}

function span(first: number, count: number): SeqRange {
  return [first, first + count - 1];
}

function problemSeq(p: AuditProblem): number {
  switch (p.kind) {
    case 'missing':
      return p.afterSeq + 1;
    case 'tail-missing':
    case 'head-mismatch':
      return Number.MAX_SAFE_INTEGER;
    default:
      return p.seq;
  }
}
