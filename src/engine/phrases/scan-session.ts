import type { CompiledPhrases } from './compiled-phrases.js';
import { HtmlStripper } from './html-stripper.js';
import type { PhraseHit, PhraseScan } from './phrase-types.js';
import { TextFolder } from './text-folder.js';

/**
 * One scan in progress: HTML stripping (optional), folding and the automaton, fed a chunk
 * at a time. The pipeline keeps only small carries between chunks (an open tag or entity,
 * a partial word, the automaton state), so a phrase split across chunks is found exactly
 * as in one piece. All scratch arrays are allocated once per session and reset by
 * touching only what the last scan used, so `reset()` is cheap for reuse by `scan()`.
 */
export class ScanSession {
  readonly #c: CompiledPhrases;
  readonly #folder = new TextFolder(4096);
  #stripper: HtmlStripper | null = null;
  #state = 0;
  #scanned = 0;
  readonly #firstEnd: Int32Array;
  readonly #found: Int32Array;
  #foundCount = 0;
  readonly #ruleCount: Int32Array;
  #budget = Number.POSITIVE_INFINITY;
  #truncated = false;
  #result: PhraseScan | null = null;

  constructor(compiled: CompiledPhrases) {
    this.#c = compiled;
    this.#firstEnd = new Int32Array(compiled.phraseLength.length).fill(-1);
    this.#found = new Int32Array(compiled.phraseLength.length);
    this.#ruleCount = new Int32Array(compiled.rules.length);
  }

  get truncated(): boolean {
    return this.#truncated;
  }

  /** Starts a new scan. `maxBytes` is the scan window in UTF-8 bytes of raw input. */
  reset(html: boolean, maxBytes: number): void {
    for (let f = 0; f < this.#foundCount; f++) this.#firstEnd[this.#found[f]!] = -1;
    this.#foundCount = 0;
    this.#folder.reset();
    this.#stripper = html ? new HtmlStripper() : null;
    this.#state = 0;
    this.#scanned = 0;
    this.#budget = maxBytes;
    this.#truncated = false;
    this.#result = null;
  }

  push(chunk: string): void {
    if (this.#result !== null) throw new Error('PhraseStream: push() after end()');
    if (this.#truncated || chunk.length === 0) return;
    let text = chunk;
    if (text.length * 3 > this.#budget) text = this.#cut(text);
    const plain = this.#stripper === null ? text : this.#stripper.push(text);
    this.#folder.push(plain);
    this.#run();
  }

  end(): PhraseScan {
    if (this.#result !== null) return this.#result;
    if (this.#stripper !== null) this.#folder.push(this.#stripper.end());
    this.#folder.end();
    this.#run();
    this.#result = this.#collect();
    return this.#result;
  }

  /** Keeps the part of `text` that fits the remaining window, never splitting a pair. */
  #cut(text: string): string {
    let used = 0;
    let i = 0;
    for (; i < text.length; i++) {
      const c = text.charCodeAt(i);
      const pair = c >= 0xd800 && c <= 0xdbff && i + 1 < text.length;
      const bytes = c < 0x80 ? 1 : c < 0x800 ? 2 : pair ? 4 : 3;
      if (used + bytes > this.#budget) {
        this.#truncated = true;
        break;
      }
      used += bytes;
      if (pair) i++;
    }
    this.#budget -= used;
    return i === text.length ? text : text.slice(0, i);
  }

  /** Runs the automaton over newly folded units. NOTE: the hot loop; no allocation. */
  #run(): void {
    const a = this.#c.automaton;
    const { rootNext, edgeStart, edgeChar, edgeNext, fail, outStart, outIds } = a;
    const units = this.#folder.units;
    const end = this.#folder.length;
    const firstEnd = this.#firstEnd;
    const found = this.#found;
    let s = this.#state;
    for (let i = this.#scanned; i < end; i++) {
      const c = units[i]!;
      for (;;) {
        if (s === 0) {
          s = rootNext[c]!;
          break;
        }
        let lo = edgeStart[s]!;
        const hi = edgeStart[s + 1]!;
        while (lo < hi && edgeChar[lo]! < c) lo++;
        if (lo < hi && edgeChar[lo] === c) {
          s = edgeNext[lo]!;
          break;
        }
        s = fail[s]!;
      }
      const o1 = outStart[s + 1]!;
      for (let o = outStart[s]!; o < o1; o++) {
        const p = outIds[o]!;
        if (firstEnd[p]! < 0) {
          firstEnd[p] = i;
          found[this.#foundCount++] = p;
        }
      }
    }
    this.#state = s;
    this.#scanned = end;
  }

  #collect(): PhraseScan {
    const c = this.#c;
    const counts = this.#ruleCount;
    const fired: number[] = [];
    for (let f = 0; f < this.#foundCount; f++) {
      const p = this.#found[f]!;
      for (let k = c.phraseRuleStart[p]!; k < c.phraseRuleStart[p + 1]!; k++) {
        const r = c.phraseRuleIds[k]!;
        if (++counts[r]! === c.ruleNeed[r]) fired.push(r);
      }
    }
    for (let f = 0; f < this.#foundCount; f++) {
      const p = this.#found[f]!;
      for (let k = c.phraseRuleStart[p]!; k < c.phraseRuleStart[p + 1]!; k++) {
        counts[c.phraseRuleIds[k]!] = 0;
      }
    }
    fired.sort((x, y) => x - y);
    const scores = new Map<string, number>();
    const hits: PhraseHit[] = [];
    let banned = false;
    let exception = false;
    for (const r of fired) {
      const rule = c.rules[r]!;
      if (rule.kind === 'banned') banned = true;
      else if (rule.kind === 'exception') exception = true;
      else scores.set(rule.category, (scores.get(rule.category) ?? 0) + rule.weight);
      hits.push(Object.freeze({ rule, snippet: this.#snippet(r) }));
    }
    return Object.freeze({
      scores: Object.freeze(Object.fromEntries(scores)),
      hits: Object.freeze(hits),
      banned,
      exception,
    });
  }

  /** About `SNIPPET` units of folded text centred on the rule's earliest phrase match. */
  #snippet(r: number): string {
    const c = this.#c;
    let best = -1;
    let bestEnd = Number.MAX_SAFE_INTEGER;
    for (let k = c.rulePhraseStart[r]!; k < c.rulePhraseStart[r + 1]!; k++) {
      const p = c.rulePhraseIds[k]!;
      const e = this.#firstEnd[p]!;
      if (e >= 0 && e < bestEnd) {
        bestEnd = e;
        best = p;
      }
    }
    if (best < 0) return '';
    const length = this.#folder.length;
    const matchStart = bestEnd + 1 - c.phraseLength[best]!;
    const pad = Math.max(0, (SNIPPET - c.phraseLength[best]!) >> 1);
    let from = Math.max(0, matchStart - pad);
    let to = Math.min(length, from + SNIPPET);
    from = Math.max(0, Math.min(from, to - SNIPPET));
    const units = this.#folder.units;
    if (from > 0 && units[from]! >= 0xdc00 && units[from]! <= 0xdfff) from++;
    if (to < length && units[to - 1]! >= 0xd800 && units[to - 1]! <= 0xdbff) to--;
    return this.#folder.text(from, to).trim();
  }
}

/** Snippet length in UTF-16 units: the only page content Schoolgate keeps, for alerts. */
const SNIPPET = 60;
