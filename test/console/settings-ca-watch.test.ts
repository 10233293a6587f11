/**
 * How a gateway follows a CA renewed in the console (`watchSchoolCa`): it loads a changed
 * pair, never makes a CA of its own when the files are missing, and keeps its CA (logging
 * once) while the pair on disk does not match, as for a moment during a renewal.
 */
import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { renewSchoolCa } from '../../src/console/settings/renew-school-ca.js';
import { loadOrCreateSchoolCa, type SchoolCa } from '../../src/gateway/proxy/tls/school-ca.js';
import { type SchoolCaWatch, watchSchoolCa } from '../../src/gateway/proxy/tls/watch-school-ca.js';

const POLL_MS = 40;
const settle = () => new Promise((resolve) => setTimeout(resolve, POLL_MS * 8));
/** Waits until `done()` holds (polls are timers: a busy machine may run them late). */
async function until(done: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

describe('watchSchoolCa', () => {
  let root: string;
  let dir: string;
  let watch: SchoolCaWatch;
  const changes: SchoolCa[] = [];
  const logs: string[] = [];

  before(async () => {
    root = mkdtempSync(join(tmpdir(), 'sg-ca-watch-'));
    dir = join(root, 'ca');
    await loadOrCreateSchoolCa({ dir, schoolName: 'Widford Lodge', now: () => new Date() });
    watch = watchSchoolCa({
      dir,
      schoolName: 'Widford Lodge',
      intervalMs: POLL_MS,
      log: (message) => logs.push(message),
      onChange: (ca) => changes.push(ca),
    });
    await settle();
  });
  after(() => {
    watch?.close();
    rmSync(root, { recursive: true, force: true });
  });

  const onDisk = () => new X509Certificate(readFileSync(join(dir, 'ca-cert.pem')));

  it('does nothing while nothing changes', () => {
    assert.equal(changes.length, 0);
    assert.deepEqual(logs, []);
  });

  it('loads a renewed pair and hands it over', async () => {
    await renewSchoolCa({ dir, schoolName: 'Widford Lodge', now: Date.now });
    await until(() => changes.length === 1, 'the renewed CA');
    assert.equal(changes[0]?.fingerprintSha256, onDisk().fingerprint256);
    assert.equal(changes[0]?.created, false);
  });

  it('never makes a CA when the files are missing', async () => {
    const away = join(root, 'away');
    renameSync(dir, away);
    await settle();
    assert.equal(existsSync(dir), false, 'no CA folder was made');
    assert.equal(changes.length, 1);
    renameSync(away, dir);
    await settle();
    assert.equal(changes.length, 1, 'the same pair back is no change');
  });

  it('keeps its CA while key and certificate do not match, then takes the fixed pair', async () => {
    const held = join(root, 'held');
    await loadOrCreateSchoolCa({ dir: held, schoolName: 'Other', now: () => new Date() });
    copyFileSync(join(held, 'ca-cert.pem'), join(dir, 'ca-cert.pem'));
    await until(() => logs.length === 1, 'the log line');
    await settle();
    assert.equal(changes.length, 1, 'a mismatched pair is not taken');
    assert.equal(logs.length, 1, 'logged once, when it stayed broken');
    assert.match(logs[0] ?? '', /changed but does not load .*still using the previous one/);
    copyFileSync(join(held, 'ca-key.pem'), join(dir, 'ca-key.pem'));
    await until(() => changes.length === 2, 'the fixed pair');
    assert.equal(changes[1]?.fingerprintSha256, onDisk().fingerprint256);
    assert.equal(logs.length, 1);
  });
});
