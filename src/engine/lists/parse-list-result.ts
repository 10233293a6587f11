import type { ListFormat, ParsedList } from './list-entry.js';
import type { ListInclude } from './list-include.js';

/**
 * What `parseList` returns: a `ParsedList` (so it can be used wherever one is expected) plus
 * the format actually used, which matters when `auto` was asked for, and the e2guardian
 * `.Include` lines for the loader to resolve (always empty for other formats).
 */
export interface ParseListResult extends ParsedList {
  readonly format: Exclude<ListFormat, 'auto'>;
  readonly includes: readonly ListInclude[];
}
