import type { RunningGateway } from '../../src/gateway/proxy/start-gateway.js';
import { fromEventRow } from '../../src/store/events/event-row.js';
import { openStore } from '../../src/store/open-store.js';

/**
 * Every event the gateway has recorded, read back from its store (the default SQLite file in
 * its data folder) once the spool has drained: what the safeguarding team would see.
 */
export async function storedEvents(gateway: RunningGateway): Promise<Record<string, unknown>[]> {
  await gateway.recording.drained();
  const store = await openStore({ dataDir: gateway.dataDir });
  try {
    const rows = await store.db.selectFrom('events').selectAll().orderBy('time_ms').execute();
    return rows.map((row) => ({ ...fromEventRow(row) }));
  } finally {
    await store.close();
  }
}
