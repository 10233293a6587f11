/**
 * An Aho-Corasick automaton over UTF-16 code units, in flat typed arrays. State 0 is the
 * root. The root's transitions are a dense 64 Ki table (it is consulted for nearly every
 * character); other states keep their edges sorted by code unit in one shared array,
 * indexed by `edgeStart[state] .. edgeStart[state + 1]`. `outIds[outStart[s] ..
 * outStart[s + 1]]` lists every pattern ending at state `s`, its fail chain included.
 */
export interface Automaton {
  readonly kind: 'Automaton';
  readonly stateCount: number;
  readonly rootNext: Int32Array;
  readonly edgeStart: Int32Array;
  readonly edgeChar: Uint16Array;
  readonly edgeNext: Int32Array;
  readonly fail: Int32Array;
  readonly outStart: Int32Array;
  readonly outIds: Int32Array;
}

/**
 * Builds the automaton for `patterns` (pattern `i` is reported as id `i`; empty patterns
 * never match). Patterns should be distinct: duplicates share a state and only the last
 * id is reported.
 *
 * ### Examples
 * ```ts
 * const a = buildAutomaton(['he', 'she', 'hers']);
 * a.stateCount; // 8: root, h, he, her, hers, s, sh, she
 * ```
 */
export function buildAutomaton(patterns: readonly string[]): Automaton {
  // Trie: one Map keyed by state * 65536 + unit, far cheaper than a Map per state.
  const child = new Map<number, number>();
  const terminal: number[] = [-1];
  let stateCount = 1;
  for (let id = 0; id < patterns.length; id++) {
    const p = patterns[id]!;
    if (p.length === 0) continue;
    let s = 0;
    for (let i = 0; i < p.length; i++) {
      const key = s * 0x10000 + p.charCodeAt(i);
      let next = child.get(key);
      if (next === undefined) {
        next = stateCount++;
        child.set(key, next);
        terminal.push(-1);
      }
      s = next;
    }
    terminal[s] = id;
  }

  const keys = new Float64Array(child.size);
  let k = 0;
  for (const key of child.keys()) keys[k++] = key;
  keys.sort();
  const edgeStart = new Int32Array(stateCount + 1);
  const edgeChar = new Uint16Array(keys.length);
  const edgeNext = new Int32Array(keys.length);
  const rootNext = new Int32Array(0x10000);
  for (let e = 0; e < keys.length; e++) {
    const key = keys[e]!;
    const parent = Math.floor(key / 0x10000);
    edgeChar[e] = key - parent * 0x10000;
    edgeNext[e] = child.get(key)!;
    edgeStart[parent + 1]!++;
    if (parent === 0) rootNext[edgeChar[e]!] = edgeNext[e]!;
  }
  for (let s = 0; s < stateCount; s++) edgeStart[s + 1]! += edgeStart[s]!;

  // Breadth-first: a state's fail target is shallower, so it is finished first.
  const fail = new Int32Array(stateCount);
  const order = new Int32Array(stateCount);
  let head = 0;
  let tail = 1;
  while (head < tail) {
    const s = order[head++]!;
    for (let e = edgeStart[s]!; e < edgeStart[s + 1]!; e++) {
      const t = edgeNext[e]!;
      order[tail++] = t;
      if (s === 0) continue;
      const c = edgeChar[e]!;
      let f = fail[s]!;
      let g = step(f, c, rootNext, edgeStart, edgeChar, edgeNext);
      while (g < 0) {
        f = fail[f]!;
        g = step(f, c, rootNext, edgeStart, edgeChar, edgeNext);
      }
      fail[t] = g;
    }
  }

  const outCount = new Int32Array(stateCount);
  for (let o = 1; o < stateCount; o++) {
    const s = order[o]!;
    outCount[s] = (terminal[s]! >= 0 ? 1 : 0) + outCount[fail[s]!]!;
  }
  const outStart = new Int32Array(stateCount + 1);
  for (let s = 0; s < stateCount; s++) outStart[s + 1] = outStart[s]! + outCount[s]!;
  const outIds = new Int32Array(outStart[stateCount]!);
  for (let o = 1; o < stateCount; o++) {
    const s = order[o]!;
    let w = outStart[s]!;
    if (terminal[s]! >= 0) outIds[w++] = terminal[s]!;
    const f = fail[s]!;
    for (let r = outStart[f]!; r < outStart[f + 1]!; r++) outIds[w++] = outIds[r]!;
  }

  return Object.freeze({
    kind: 'Automaton',
    stateCount,
    rootNext,
    edgeStart,
    edgeChar,
    edgeNext,
    fail,
    outStart,
    outIds,
  });
}

/** The transition from `s` on `c`, or -1 (the root never fails: it stays at 0). */
function step(
  s: number,
  c: number,
  rootNext: Int32Array,
  edgeStart: Int32Array,
  edgeChar: Uint16Array,
  edgeNext: Int32Array,
): number {
  if (s === 0) return rootNext[c]!;
  let lo = edgeStart[s]!;
  let hi = edgeStart[s + 1]! - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const m = edgeChar[mid]!;
    if (m === c) return edgeNext[mid]!;
    if (m < c) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}
