import type { SchoolgateConfig } from '../../config/config-schema.js';
import { CATEGORY_CATALOGUE } from '../../engine/categories/category-catalogue.js';
import type { IndexHeader } from '../../engine/index/category-index.js';
import type { ListSourceInfo } from './describe-sources.js';

/**
 * One category on the Lists page.
 * NOTE: keep in sync with `ListCategory` in ui/src/api/lists-api.ts and API.md.
 */
export interface ListCategoryInfo {
  readonly id: string;
  readonly label: string;
  readonly description: string;
  /** Blocked for everyone whatever the policy says (the illegal-content lists). */
  readonly mandatory: boolean;
  /** `builtin` (Schoolgate's catalogue), `config` (the school's own), `index` (only in the lists). */
  readonly origin: 'builtin' | 'config' | 'index';
  /** Entries in the compiled index (0 when none: a gap the school should see). */
  readonly entries: number;
  /** The sources feeding it. */
  readonly sources: readonly ListSourceInfo[];
  /** The latest change of any of its sources, or null when none is there. */
  readonly updatedMs: number | null;
}

/**
 * Every category a school can set a rule for, in the catalogue's order then the config's,
 * with its entry count from the index header and its sources; then any category found only
 * in the index (a list mapped onto an id the config no longer defines), so no entry is
 * hidden. A category with no entries is listed with 0: a school must see the gap.
 */
export function listCategories(
  config: SchoolgateConfig,
  header: IndexHeader | null,
  sources: readonly ListSourceInfo[],
): ListCategoryInfo[] {
  const counts = header?.categoryCounts ?? {};
  const mandatory = new Set(config.policy.mandatoryCategories);
  const known = [
    ...CATEGORY_CATALOGUE.map((c) => ({
      id: c.id,
      label: c.label,
      description: c.description,
      mandatory: c.mandatory,
      origin: 'builtin' as const,
    })),
    ...config.categories.map((c) => ({
      id: c.id,
      label: c.label,
      description: c.description,
      mandatory: c.mandatory,
      origin: 'config' as const,
    })),
  ];
  const ids = new Set(known.map((c) => c.id));
  const onlyInIndex = Object.keys(counts)
    .filter((id) => !ids.has(id))
    .sort()
    .map((id) => ({ id, label: id, description: '', mandatory: false, origin: 'index' as const }));
  return [...known, ...onlyInIndex].map((category) => {
    const feeding = sources.filter((s) => s.categories.includes(category.id));
    const times = feeding.flatMap((s) => (s.updatedMs === null ? [] : [s.updatedMs]));
    return {
      ...category,
      mandatory: category.mandatory || mandatory.has(category.id),
      entries: counts[category.id] ?? 0,
      sources: feeding,
      updatedMs: times.length === 0 ? null : Math.max(...times),
    };
  });
}
