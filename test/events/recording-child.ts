/**
 * A real process for the crash tests: records events through the spool into the store, and
 * after each `flush()` prints the ids the spool acknowledged. The test kills it with SIGKILL
 * at a random moment. With `drain` it only drains what earlier runs left, then says so.
 *
 * Usage: recording-child.ts <dataDir> <database url> <run|drain> <label>
 */

import { databaseConfigSchema } from '../../src/config/store-config.js';
import { createEventId } from '../../src/events/create-event-id.js';
import { startEventRecording } from '../../src/events/start-event-recording.js';
import { sampleEvent } from './event-fixture.js';

const [dataDir, url, mode, label] = process.argv.slice(2) as [string, string, string, string];
const recording = await startEventRecording({
  dataDir,
  database: databaseConfigSchema.parse({ url, spool: { batchSize: 500 } }),
  log: (message) => process.stderr.write(`${message}\n`),
});

if (mode === 'drain') {
  await recording.drained();
  await recording.close();
  process.stdout.write('DRAINED\n');
  process.exit(0);
}

const start = Date.parse('2026-11-24T09:00:00Z');
let n = 0;
process.stdout.write('READY\n');
for (;;) {
  const ids: string[] = [];
  for (let i = 0; i < 200; i++, n++) {
    const time = start + n;
    const event = {
      ...sampleEvent(n, start),
      id: createEventId(time),
      time: new Date(time).toISOString(),
      node: label,
    };
    recording.add(event);
    ids.push(event.id);
  }
  await recording.flush();
  process.stdout.write(`ACK ${ids.join(',')}\n`);
}
