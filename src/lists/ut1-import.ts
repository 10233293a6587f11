import type { Ut1Category } from './ut1-category.js';

/**
 * The result of importing UT1's blacklists (archive or unpacked folder). Aliases are
 * reported, never parsed twice. Problems that do not stop the import (an alias pointing at
 * a missing category, a file that is not a regular file) are listed in `problems`.
 */
export interface Ut1Import {
  readonly kind: 'Ut1Import';
  readonly path: string;
  /** sha256 (hex) of the archive's bytes; null when imported from a folder. */
  readonly sha256: string | null;
  /** Size of the archive; 0 for a folder. */
  readonly bytes: number;
  /** Real categories, sorted by name. */
  readonly categories: readonly Ut1Category[];
  /** alias -> real category, e.g. `porn -> adult`. Only aliases whose target exists. */
  readonly aliases: Readonly<Record<string, string>>;
  /** Total regex lines found in `expressions` files (unsupported, not compiled). */
  readonly unsupportedExpressions: number;
  readonly problems: readonly string[];
}
