/**
 * Appends audit rows from a separate process, for the cross-process concurrency test:
 * `node --import tsx append-worker.ts <database url> <data dir> <count> <actor> <start ms>`.
 * Every worker waits for the same start time, after its slow start-up, so their appends
 * really overlap.
 */
import { appendAudit } from '../../../src/casework/audit/append-audit.js';
import { openStore } from '../../../src/store/open-store.js';

const [url, dataDir, count, actor, startMs] = process.argv.slice(2);
const store = await openStore({ url: url!, dataDir: dataDir!, migrate: false });
try {
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, Number(startMs) - Date.now())));
  for (let i = 0; i < Number(count); i += 1) {
    await appendAudit(
      store.db,
      { actor: actor!, action: 'events.read', targetKind: 'person', target: `pupil.${i}` },
      () => 1_700_000_000_000 + i,
    );
  }
} finally {
  await store.close();
}
