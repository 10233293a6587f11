/**
 * Grows a kept SQLite bench store (`run.ts --keep`) to `times` its size for the query
 * latencies at 100M events, in a fraction of the time the writer would take: each copy is
 * the original events and rollups shifted by 4 weeks (the generator's 20 school days at
 * 10M rows are exactly 4 weeks, so copies land on the days a `--rows N*times` generator
 * would draw), with ids made unique by their last two hex digits. The copies go through the
 * same table and indexes, so the store is what 100M real events would make of it; only the
 * insert rate is not measured here (run.ts measures that).
 *
 *   node --import tsx bench/store/amplify-sqlite.ts <folder>/main.db 10
 */
import BetterSqlite3 from 'better-sqlite3';

const [file, timesText] = process.argv.slice(2);
const times = Number(timesText ?? 10);
if (file === undefined || !Number.isInteger(times) || times < 2 || times > 256) {
  throw new Error('usage: amplify-sqlite.ts <store.db> <times 2..256>');
}
const FOUR_WEEKS_MS = 28 * 86_400_000;
const db = new BetterSqlite3(file);
db.pragma('journal_mode = WAL');
db.pragma('synchronous = NORMAL');
db.pragma('cache_size = -1048576');
const { rows, first, last } = db
  .prepare('select count(*) as rows, min(time_ms) as first, max(time_ms) as last from events')
  .get() as { rows: number; first: number; last: number };
if (last - first >= FOUR_WEEKS_MS) throw new Error('the store spans more than 4 weeks');
const columns = (
  db.prepare("select name from pragma_table_info('events')").all() as { name: string }[]
).map((c) => c.name);
const shifted = columns.map((c) =>
  c === 'time_ms'
    ? 'time_ms + @shift'
    : c === 'id'
      ? "substr(id, 1, 34) || printf('%02x', @copy)"
      : c,
);
const copyEvents = db.prepare(
  `insert into events (${columns.join(', ')}) select ${shifted.join(', ')} from events where time_ms <= @last and time_ms >= @first`,
);
const copyRollups = db.prepare(
  'insert into event_rollups (hour_ms, dimension, key, action, events) select hour_ms + @shift, dimension, key, action, events from event_rollups where hour_ms <= @last',
);
process.stderr.write(`${rows.toLocaleString('en-GB')} events; making ${times - 1} copies\n`);
for (let copy = 1; copy < times; copy++) {
  const started = performance.now();
  const shift = copy * FOUR_WEEKS_MS;
  db.transaction(() => {
    copyEvents.run({ shift, copy, first, last });
    copyRollups.run({ shift, last });
  }).immediate();
  db.pragma('wal_checkpoint(TRUNCATE)');
  const seconds = (performance.now() - started) / 1000;
  process.stderr.write(
    `copy ${copy}: ${(rows * (copy + 1)).toLocaleString('en-GB')} events, ${Math.round(rows / seconds).toLocaleString('en-GB')} rows/s\n`,
  );
}
db.close();
