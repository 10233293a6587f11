import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { acquireSpoolLock } from '../../../src/events/spool/acquire-spool-lock.js';
import { freshDir } from './spool-fixture.js';

/** The pid of a process that has exited (and been reaped), so it is not running. */
const deadPid = spawnSync(process.execPath, ['-e', '']).pid!;

describe('acquireSpoolLock', () => {
  const cases = [
    { name: 'no_lock_yet', existing: null, want: 'taken' },
    { name: 'a_dead_owner', existing: `${deadPid}\n`, want: 'taken' },
    { name: 'this_pid_from_before_a_restart', existing: `${process.pid}\n`, want: 'taken' },
    { name: 'an_unreadable_lock', existing: 'not a pid', want: 'taken' },
    { name: 'a_live_owner', existing: `${process.ppid}\n`, want: 'refused' },
  ] as const;
  for (const { name, existing, want } of cases) {
    it(`handles_${name}`, async () => {
      const dir = freshDir();
      mkdirSync(dir, { recursive: true });
      const path = join(dir, 'spool.lock');
      if (existing !== null) writeFileSync(path, existing);
      if (want === 'refused') {
        await assert.rejects(
          acquireSpoolLock(dir),
          new RegExp(`in use by process ${process.ppid}`),
        );
        assert.equal(readFileSync(path, 'utf8'), existing, 'a live lock is left alone');
        return;
      }
      const release = await acquireSpoolLock(dir);
      assert.equal(readFileSync(path, 'utf8'), `${process.pid}\n`);
      await assert.rejects(acquireSpoolLock(dir), /already open in this process/);
      await release();
      assert.ok(!existsSync(path));
      const again = await acquireSpoolLock(dir);
      await again();
    });
  }

  it('does_not_remove_a_lock_that_another_process_took_over', async () => {
    const dir = freshDir();
    mkdirSync(dir, { recursive: true });
    const release = await acquireSpoolLock(dir);
    writeFileSync(join(dir, 'spool.lock'), `${process.ppid}\n`);
    await release();
    assert.equal(readFileSync(join(dir, 'spool.lock'), 'utf8'), `${process.ppid}\n`);
  });
});
