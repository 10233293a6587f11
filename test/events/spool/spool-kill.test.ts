import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { freshDir, ids, readAll, setup } from './spool-fixture.js';

const CHILD = fileURLToPath(new URL('./spool-writer-child.ts', import.meta.url));
const ROUNDS = 5;

/**
 * Runs the writer child on `dir`, kills it with SIGKILL at a random moment after its first
 * acknowledged batch, and returns the ids it reported acknowledged (complete lines only).
 */
async function runAndKill(
  dir: string,
  round: number,
): Promise<{ acked: string[]; stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, dir, String(round)], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  let firstAck: () => void = () => undefined;
  const acknowledged = new Promise<void>((resolve) => {
    firstAck = resolve;
  });
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
    if (/^ready\n.+\n/.test(stdout)) firstAck();
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  const closed = new Promise<number | null>((resolve) => child.on('close', resolve));
  const early = await Promise.race([acknowledged.then(() => false), closed.then(() => true)]);
  assert.equal(early, false, `the child exited before acknowledging anything: ${stderr}`);
  await sleep(Math.floor(Math.random() * 150));
  child.kill('SIGKILL');
  await closed;
  const lines = stdout.split('\n');
  lines.pop(); // an unfinished last line proves nothing
  return { acked: lines.slice(1).flatMap((line) => line.split(' ')), stderr };
}

describe('spool under kill -9', () => {
  it('loses_no_acknowledged_event_and_duplicates_none', async () => {
    const dir = freshDir();
    let expected: string[] = []; // acknowledged and not yet committed, in add order
    const committed = new Set<string>();
    for (let round = 0; round < ROUNDS; round++) {
      const { acked, stderr } = await runAndKill(dir, round);
      assert.ok(acked.length > 0, `round ${round}: nothing acknowledged`);
      for (const line of stderr.split('\n').filter((text) => text !== '')) {
        assert.match(line, /at the end of the last segment/, `round ${round}: the child said`);
      }
      expected.push(...acked);

      const { spool, errors } = await setup({ dir });
      for (const error of errors) assert.match(error.message, /at the end of the last segment/);
      const { events, end } = await readAll(spool, 500);
      const read = ids(events);
      assert.equal(new Set(read).size, read.length, `round ${round}: an event came back twice`);
      assert.ok(
        !read.some((id) => committed.has(id)),
        `round ${round}: a committed event came back`,
      );
      const wanted = new Set(expected);
      assert.deepEqual(
        read.filter((id) => wanted.has(id)),
        expected,
        `round ${round}: acknowledged events missing or out of order`,
      );
      if (round % 2 === 1) {
        await spool.commit(end); // later rounds must not bring these back
        for (const id of read) committed.add(id);
        expected = [];
      }
      await spool.close();
    }
  });
});
