import type { EventRollupsTable, EventsTable } from '../schema.js';
import { HOUR_MS, type RollupDimension } from './rollup-dimension.js';

/**
 * Adds up the rollup increments for a batch of newly inserted event rows: one count per
 * (hour, dimension, key, action). Only rows the database really inserted are passed in, so
 * a replayed batch (after a crash, or a retry) is never counted twice.
 *
 * ### Examples
 * ```ts
 * const increments = rollupCounts(insertedRows); // [{ hour_ms, dimension: 'user', key: 'pupil.one', action: 'block', events: 3 }, ...]
 * ```
 */
export function rollupCounts(rows: readonly EventsTable[]): EventRollupsTable[] {
  const counts = new Map<string, EventRollupsTable>();
  const add = (hour: number, dimension: RollupDimension, key: string, action: string) => {
    const id = `${hour}\u0000${dimension}\u0000${key}\u0000${action}`;
    const found = counts.get(id);
    if (found === undefined) counts.set(id, { hour_ms: hour, dimension, key, action, events: 1 });
    else found.events += 1;
  };
  for (const row of rows) {
    const hour = row.time_ms - (row.time_ms % HOUR_MS);
    const action = row.action;
    add(hour, 'total', '', action);
    if (row.username !== null) add(hour, 'user', row.username, action);
    add(hour, 'group', row.policy_group, action);
    if (action !== 'allow') add(hour, 'host', row.host, action);
    if (row.search_terms !== null) add(hour, 'search', row.policy_group, action);
    for (const category of JSON.parse(row.categories) as string[]) {
      add(hour, 'category', category, action);
      add(hour, 'group-category', `${row.policy_group}\t${category}`, action);
    }
  }
  return [...counts.values()];
}
