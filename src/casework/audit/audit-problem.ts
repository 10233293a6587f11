/**
 * One thing `audit verify` found wrong with the trail, with the rows it concerns and a
 * sentence for people (`message`). Seqs are the numbers stored in the table now; `writtenAs`
 * is the seq a row's hash shows it was written with.
 *
 * - `edited`: the row's content no longer matches its hash (changed after it was written).
 * - `missing`: no row holds the seqs between `afterSeq` and `beforeSeq` (a row was deleted,
 *   whether or not the rows after it were renumbered to hide the gap).
 * - `broken-link`: rows `prevSeq` and `seq` are intact and consecutive, but `seq`'s
 *   `prev_hash` is not `prevSeq`'s hash: one of them was rewritten with a recomputed hash.
 * - `reordered`: `count` rows from `seq` hold what was written as `writtenAs`..: rows were
 *   swapped, or renumbered.
 * - `tail-missing`: the head says rows up to `headSeq` were written; the trail ends at
 *   `lastSeq` (the newest rows were deleted).
 * - `head-mismatch`: the head (null: deleted) does not describe the last row: rows were added
 *   outside Schoolgate, or the last row was replaced.
 * - `rewritten`: row `seq` does not have the hash recorded outside the database earlier
 *   (`audit verify --expect`): the trail was rewritten, hashes and all, since then.
 */
export type AuditProblem =
  | { readonly kind: 'edited'; readonly seq: number; readonly message: string }
  | {
      readonly kind: 'missing';
      readonly afterSeq: number;
      readonly beforeSeq: number;
      readonly message: string;
    }
  | {
      readonly kind: 'broken-link';
      readonly prevSeq: number;
      readonly seq: number;
      readonly message: string;
    }
  | {
      readonly kind: 'reordered';
      readonly seq: number;
      readonly count: number;
      readonly writtenAs: number;
      readonly message: string;
    }
  | {
      readonly kind: 'tail-missing';
      readonly headSeq: number;
      readonly lastSeq: number;
      readonly message: string;
    }
  | {
      readonly kind: 'head-mismatch';
      readonly headSeq: number | null;
      readonly lastSeq: number;
      readonly message: string;
    }
  | { readonly kind: 'rewritten'; readonly seq: number; readonly message: string };

const rows = (first: number, last: number) =>
  first === last ? `row ${first}` : `rows ${first}-${last}`;

/**
 * Builds each kind of problem with its sentence, so every caller words them the same.
 *
 * ### Examples
 * ```ts
 * AuditProblem.missing(4, 6).message; // 'row 5 is missing (between rows 4 and 6)'
 * ```
 */
export const AuditProblem = Object.freeze({
  edited(seq: number): AuditProblem {
    return {
      kind: 'edited',
      seq,
      message: `row ${seq} was edited: its content no longer matches its hash`,
    };
  },
  missing(afterSeq: number, beforeSeq: number): AuditProblem {
    const first = afterSeq + 1;
    const last = beforeSeq - 1;
    const where =
      afterSeq === 0 ? `before row ${beforeSeq}` : `between rows ${afterSeq} and ${beforeSeq}`;
    const verb = first === last ? 'is' : `(${last - first + 1} rows) are`;
    return {
      kind: 'missing',
      afterSeq,
      beforeSeq,
      message: `${rows(first, last)} ${verb} missing (${where})`,
    };
  },
  brokenLink(prevSeq: number, seq: number): AuditProblem {
    const before = prevSeq === 0 ? 'the start of the trail' : `row ${prevSeq}`;
    return {
      kind: 'broken-link',
      prevSeq,
      seq,
      message: `row ${seq} does not follow ${before} (its prev_hash is not that row's hash): one of them was rewritten with a recomputed hash`,
    };
  },
  reordered(seq: number, count: number, writtenAs: number): AuditProblem {
    const how = count === 1 ? 'rows were swapped or renumbered' : 'rows were renumbered';
    return {
      kind: 'reordered',
      seq,
      count,
      writtenAs,
      message: `${rows(seq, seq + count - 1)} ${count === 1 ? 'holds' : 'hold'} what was written as ${rows(writtenAs, writtenAs + count - 1)}: ${how}`,
    };
  },
  tailMissing(headSeq: number, lastSeq: number): AuditProblem {
    const n = headSeq - lastSeq;
    return {
      kind: 'tail-missing',
      headSeq,
      lastSeq,
      message: `the newest ${n === 1 ? 'row' : `${n} rows`} (${rows(lastSeq + 1, headSeq)}) ${n === 1 ? 'is' : 'are'} missing: the head says row ${headSeq} was written, the trail ends at ${lastSeq === 0 ? 'nothing' : `row ${lastSeq}`}`,
    };
  },
  headMismatch(headSeq: number | null, lastSeq: number): AuditProblem {
    const message =
      headSeq === null
        ? `the audit head was deleted (the trail ends at row ${lastSeq}): deleted newest rows cannot be ruled out`
        : headSeq < lastSeq
          ? `the head says the trail ends at row ${headSeq}, but ${rows(headSeq + 1, lastSeq)} ${headSeq + 1 === lastSeq ? 'exists' : 'exist'}: rows were added outside Schoolgate, or the head was edited`
          : `row ${lastSeq} is not the row the head recorded: it was replaced with a recomputed hash, or the head was edited`;
    return { kind: 'head-mismatch', headSeq, lastSeq, message };
  },
  rewritten(seq: number, recorded: string, found: string | null): AuditProblem {
    const now = found === null ? 'it is gone' : `it now has ${found.slice(0, 16)}`;
    return {
      kind: 'rewritten',
      seq,
      message: `row ${seq} was recorded with hash ${recorded.slice(0, 16)} but ${now}: the trail was rewritten since`,
    };
  },
});
