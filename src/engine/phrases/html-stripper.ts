import { HTML_ENTITIES } from './html-entities.js';

/**
 * Turns HTML into its visible text, a chunk at a time: tags become word boundaries (inline
 * formatting tags like `<b>` vanish without one, so `dan<b>ger</b>` stays one word),
 * comments and the contents of `<script>` and `<style>` are dropped, and character
 * references (named, `&#38;`, `&#x26;`) are decoded. Every construct may be split across
 * chunks; the state between chunks is a handful of fields. It is a scanner's view of HTML,
 * not a parser: malformed markup degrades to text or boundaries, never to an error.
 *
 * ### Examples
 * ```ts
 * const s = new HtmlStripper();
 * s.push('<p>Fish &am') + s.push('p; chips<scr') + s.push('ipt>x()</script></p>') + s.end();
 * // ' Fish & chips  '
 * ```
 */
export class HtmlStripper {
  #state: number = State.text;
  #name = '';
  #closing = false;
  #quote = 0;
  #afterEquals = false;
  #dashes = 0;
  #bang = 0;
  #rawTarget = '';
  #rawMatch = 0;
  #entity = '';

  /** Returns the text of `chunk` that is complete; the rest waits for the next chunk. */
  push(chunk: string): string {
    const out: string[] = [];
    let runStart = this.#state === State.text ? 0 : -1;
    const n = chunk.length;
    let i = 0;
    while (i < n) {
      const c = chunk.charCodeAt(i);
      switch (this.#state) {
        case State.text:
          if (c === LT || c === AMP) {
            if (runStart >= 0 && runStart < i) out.push(chunk.slice(runStart, i));
            runStart = -1;
            this.#state = c === LT ? State.lt : State.entity;
            this.#entity = '';
          }
          break;
        case State.lt:
          if (isAsciiLetter(c) || c === SLASH) {
            this.#state = State.tagName;
            this.#closing = c === SLASH;
            this.#name = c === SLASH ? '' : String.fromCharCode(c | 0x20);
          } else if (c === BANG) {
            this.#state = State.bang;
            this.#bang = 0;
          } else if (c === QUESTION) {
            this.#enterTag('?');
          } else {
            out.push('<');
            this.#state = State.text;
            runStart = i;
            continue;
          }
          break;
        case State.tagName:
          if (isAsciiLetter(c) || (c >= 0x30 && c <= 0x39) || c === 0x2d || c === 0x3a) {
            this.#name += String.fromCharCode(isAsciiLetter(c) ? c | 0x20 : c);
            break;
          }
          this.#enterTag(this.#name);
          continue;
        case State.tag:
          if (this.#quote !== 0) {
            if (c === this.#quote) this.#quote = 0;
          } else if (c === GT) {
            out.push(INLINE_TAGS.has(this.#name) ? '' : ' ');
            if (!this.#closing && (this.#name === 'script' || this.#name === 'style')) {
              this.#state = State.raw;
              this.#rawTarget = `</${this.#name}`;
              this.#rawMatch = 0;
            } else {
              this.#state = State.text;
              runStart = i + 1;
            }
          } else if (c === EQUALS) {
            this.#afterEquals = true;
          } else if (this.#afterEquals && (c === QUOTE || c === APOS)) {
            this.#quote = c;
            this.#afterEquals = false;
          } else if (c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) {
            this.#afterEquals = false;
          }
          break;
        case State.bang:
          if (c === DASH && this.#bang < 2) {
            this.#bang++;
            if (this.#bang === 2) {
              this.#state = State.comment;
              this.#dashes = 0;
            }
            break;
          }
          this.#enterTag('!');
          continue;
        case State.comment:
          if (c === DASH) this.#dashes++;
          else if (c === GT && this.#dashes >= 2) {
            out.push(' ');
            this.#state = State.text;
            runStart = i + 1;
          } else this.#dashes = 0;
          break;
        case State.raw: {
          const want = this.#rawTarget.charCodeAt(this.#rawMatch);
          if ((isAsciiLetter(c) ? c | 0x20 : c) === want) {
            this.#rawMatch++;
            if (this.#rawMatch === this.#rawTarget.length) {
              this.#closing = true;
              this.#enterTag(this.#rawTarget.slice(2));
            }
          } else this.#rawMatch = c === LT ? 1 : 0;
          break;
        }
        case State.entity:
          if (c === SEMI) {
            out.push(decodeEntity(this.#entity, true));
            this.#state = State.text;
            runStart = i + 1;
          } else if (this.#entity.length < 32 && isEntityChar(c)) {
            this.#entity += String.fromCharCode(c);
          } else {
            out.push(decodeEntity(this.#entity, false));
            this.#state = State.text;
            runStart = i;
            continue;
          }
          break;
      }
      i++;
    }
    if (this.#state === State.text && runStart >= 0 && runStart < n) {
      out.push(chunk.slice(runStart));
    }
    return out.length === 1 ? out[0]! : out.join('');
  }

  /** Flushes what an unfinished construct held back: a lone `<` or `&name` stays text. */
  end(): string {
    const state: number = this.#state;
    this.#state = State.text;
    if (state === State.lt) return '<';
    if (state === State.entity) return decodeEntity(this.#entity, false);
    return '';
  }

  #enterTag(name: string): void {
    this.#name = name;
    this.#state = State.tag;
    this.#quote = 0;
    this.#afterEquals = false;
  }
}

const State = {
  text: 0,
  lt: 1,
  tagName: 2,
  tag: 3,
  bang: 4,
  comment: 5,
  raw: 6,
  entity: 7,
} as const;

const LT = 0x3c;
const GT = 0x3e;
const AMP = 0x26;
const SEMI = 0x3b;
const SLASH = 0x2f;
const BANG = 0x21;
const QUESTION = 0x3f;
const DASH = 0x2d;
const EQUALS = 0x3d;
const QUOTE = 0x22;
const APOS = 0x27;

/** Formatting tags that do not separate words when rendered. */
const INLINE_TAGS: ReadonlySet<string> = new Set(
  'a abbr b bdi bdo big cite code data dfn em font i kbd mark q s samp small span strike strong sub sup time tt u var wbr'.split(
    ' ',
  ),
);

function isAsciiLetter(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
}

function isEntityChar(c: number): boolean {
  return isAsciiLetter(c) || (c >= 0x30 && c <= 0x39) || c === 0x23;
}

/** Decodes `&body;`; without the semicolon only exact known names are decoded. */
function decodeEntity(body: string, terminated: boolean): string {
  const literal = terminated ? `&${body};` : `&${body}`;
  if (body.charCodeAt(0) === 0x23) {
    const hex = body.charCodeAt(1) === 0x78 || body.charCodeAt(1) === 0x58;
    const digits = body.slice(hex ? 2 : 1);
    if (digits.length === 0 || !(hex ? /^[0-9a-f]+$/i : /^[0-9]+$/).test(digits)) return literal;
    const cp = digits.length > 8 ? 0x110000 : Number.parseInt(digits, hex ? 16 : 10);
    if (cp === 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return '\ufffd';
    return String.fromCodePoint(cp);
  }
  const named = Object.hasOwn(HTML_ENTITIES, body) ? HTML_ENTITIES[body] : undefined;
  if (named !== undefined) return named;
  const lower = body.toLowerCase();
  const folded = Object.hasOwn(HTML_ENTITIES, lower) ? HTML_ENTITIES[lower] : undefined;
  return folded ?? literal;
}
