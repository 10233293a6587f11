/** One record of a CSV file, with the 1-based line it starts on. */
export interface CsvRecord {
  readonly kind: 'CsvRecord';
  readonly line: number;
  /** Fields exactly as written: quotes removed, `""` undoubled, nothing trimmed. */
  readonly fields: readonly string[];
}

/** A stretch of the file that is not CSV; `line` is where its record starts. */
export interface CsvError {
  readonly kind: 'CsvError';
  readonly line: number;
  readonly message: string;
}

/** What `parseCsv` returns per record, in file order. */
export type CsvRow = CsvRecord | CsvError;

/** The separators spreadsheets write: comma, semicolon (continental Excel) and tab. */
export type CsvDelimiter = ',' | ';' | '\t';

export interface ParseCsvOptions {
  /** Field separator; default `,`. */
  readonly delimiter?: CsvDelimiter;
}

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;

/**
 * Parses RFC 4180 CSV as spreadsheets and school MIS exports write it: quoted fields with
 * `""` for a quote, CRLF, LF or lone CR line ends, newlines inside quoted fields, an
 * optional UTF-8 BOM and an optional final newline. Never throws, so a preview can show
 * every problem at once; an unterminated quote becomes a `CsvError` for the line it opened
 * on, and parsing resumes on the next line, since with no closing quote anywhere the quote
 * can only have been a stray one.
 *
 * Where RFC 4180 says a file is wrong but the meaning is plain, it reads as Excel does: a
 * quote inside an unquoted field (`5'10"`) is a character, and text after a closing quote
 * (`"Smith" Jr`) is appended to the field. Empty lines are skipped rather than read as a
 * record of one empty field; `formatCsv` writes such a record as `""` so it survives.
 *
 * ### Examples
 * ```ts
 * parseCsv('\uFEFFusername,name\r\np.smith,"Smith, Paul"\r\n');
 * // [{ kind: 'CsvRecord', line: 1, fields: ['username', 'name'] },
 * //  { kind: 'CsvRecord', line: 2, fields: ['p.smith', 'Smith, Paul'] }]
 * ```
 */
export function parseCsv(text: string, options: ParseCsvOptions = {}): readonly CsvRow[] {
  const delimiter = (options.delimiter ?? ',').charCodeAt(0);
  const n = text.length;
  const rows: CsvRow[] = [];
  let i = n > 0 && text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  while (i < n) {
    const first = text.charCodeAt(i);
    if (first === LF || first === CR) {
      i = skipLineEnd(text, i);
      line++;
      continue;
    }
    const recordLine = line;
    const fields: string[] = [];
    let broken: CsvError | null = null;
    for (;;) {
      let end = i;
      if (text.charCodeAt(i) === QUOTE) {
        const quoted = readQuoted(text, i + 1);
        if (quoted === null) {
          broken = unterminated(recordLine, line);
          // Resume after the line the stray quote is on.
          end = i;
          while (end < n && text.charCodeAt(end) !== LF && text.charCodeAt(end) !== CR) end++;
          i = end;
          break;
        }
        line += quoted.lineBreaks;
        end = quoted.end;
        while (end < n && !isFieldEnd(text.charCodeAt(end), delimiter)) end++;
        fields.push(quoted.value + text.slice(quoted.end, end));
      } else {
        while (end < n && !isFieldEnd(text.charCodeAt(end), delimiter)) end++;
        fields.push(text.slice(i, end));
      }
      i = end;
      if (i < n && text.charCodeAt(i) === delimiter) {
        i++;
        continue;
      }
      break;
    }
    // Here i is at a line end or the end of the text.
    if (i < n) {
      i = skipLineEnd(text, i);
      line++;
    }
    rows.push(broken ?? { kind: 'CsvRecord', line: recordLine, fields });
  }
  return rows;
}

/**
 * Reads a quoted field's content from just after its opening quote. Returns null when no
 * closing quote follows; otherwise the value, the index after the closing quote and how
 * many line breaks the value spans (a CRLF counts once, as in the line numbering).
 */
function readQuoted(
  text: string,
  start: number,
): { value: string; end: number; lineBreaks: number } | null {
  const n = text.length;
  let value = '';
  let segment = start;
  let lineBreaks = 0;
  for (let j = start; j < n; j++) {
    const c = text.charCodeAt(j);
    if (c === QUOTE) {
      if (j + 1 < n && text.charCodeAt(j + 1) === QUOTE) {
        value += text.slice(segment, j + 1);
        j++;
        segment = j + 1;
        continue;
      }
      return { value: value + text.slice(segment, j), end: j + 1, lineBreaks };
    }
    if (c === LF || (c === CR && text.charCodeAt(j + 1) !== LF)) lineBreaks++;
  }
  return null;
}

function isFieldEnd(c: number, delimiter: number): boolean {
  return c === delimiter || c === LF || c === CR;
}

/** Index after the line end at `i` (CRLF, LF or CR). */
function skipLineEnd(text: string, i: number): number {
  return text.charCodeAt(i) === CR && text.charCodeAt(i + 1) === LF ? i + 2 : i + 1;
}

function unterminated(recordLine: number, quoteLine: number): CsvError {
  const where = quoteLine === recordLine ? '' : ` (the quote is on line ${quoteLine})`;
  return {
    kind: 'CsvError',
    line: recordLine,
    message: `a quoted field is never closed${where}: add the missing '"' or remove the stray one`,
  };
}
