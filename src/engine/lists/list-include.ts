/**
 * An e2guardian `.Include<path>` line found while parsing: the parser only reports it, and
 * the file loader resolves it (relative to the including file) and parses the target.
 */
export interface ListInclude {
  readonly source: string;
  /** 1-based line number of the `.Include` line. */
  readonly line: number;
  /** The path exactly as written between `<` and `>`. */
  readonly path: string;
}
