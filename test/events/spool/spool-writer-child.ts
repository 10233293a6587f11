/**
 * The process the kill -9 test kills: opens the spool in `argv[2]` with fsync 'always' and
 * adds events in batches of varied size for ever. After each `flush` that acknowledged
 * everything, it prints that batch's ids on one line (under 4 KiB, so one atomic pipe
 * write): every id printed was acknowledged before the test could have killed it.
 *
 * Usage: node --import tsx spool-writer-child.ts <dir> <round>
 */
import { openSpool } from '../../../src/events/spool/open-spool.js';
import { LESSON_TIME, sampleEvent } from '../event-fixture.js';

const [dir, round] = process.argv.slice(2);
let failures = 0;
const spool = await openSpool({
  dir: dir!,
  fsync: 'always',
  flushIntervalMs: 1,
  segmentBytes: 64 * 1024, // small, so kills land during roll-overs too
  onError: (error) => {
    // Torn tails from the previous round are expected; anything else would show in the test.
    if (!/at the end of the last segment/.test(error.message)) failures++;
    process.stderr.write(`${error.message}\n`);
  },
});
// Each round's events are a day apart from the last round's, so ids never collide by time.
const start = LESSON_TIME + Number(round) * 86_400_000;
process.stdout.write('ready\n');
for (let i = 0; ; ) {
  const ids: string[] = [];
  const size = 1 + (i % 37);
  for (let k = 0; k < size; k++) {
    const event = sampleEvent(i++, start);
    spool.add(event);
    ids.push(event.id);
  }
  await spool.flush();
  if (failures === 0 && spool.stats().queued === 0) process.stdout.write(`${ids.join(' ')}\n`);
}
