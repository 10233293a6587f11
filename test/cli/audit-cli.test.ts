import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sql } from 'kysely';
import { appendAudit } from '../../src/casework/audit/append-audit.js';
import { recentAudit } from '../../src/casework/audit/recent-audit.js';
import { openStore } from '../../src/store/open-store.js';
import { runCli } from '../support/run-cli.js';
import { DIALECTS, freshStoreConfig } from '../support/store-dialects.js';

const NOW = Date.parse('2026-11-24T10:00:00Z');

for (const dialect of DIALECTS) {
  describe(`schoolgate audit verify on ${dialect}`, () => {
    it('passes an intact trail and names the row that was edited', async () => {
      const { url, dataDir, config } = await freshStoreConfig(dialect);
      const store = await openStore({ url, dataDir });
      for (let i = 0; i < 5; i++) {
        await appendAudit(
          store.db,
          {
            actor: 'console:dsl',
            action: 'events.read',
            targetKind: 'person',
            target: `pupil.${i}`,
            reason: 'concern raised',
          },
          () => NOW + i,
        );
      }
      const intact = await runCli(['audit', 'verify', '--config', config]);
      assert.equal(intact.code, 0, intact.stderr);
      assert.match(intact.stdout, /audit trail intact: 5 rows/);

      await sql`update audit_log set reason = 'nothing to see' where seq = 3`.execute(store.db);
      await store.close();
      const edited = await runCli(['audit', 'verify', '--config', config]);
      assert.equal(edited.code, 1, edited.stderr);
      assert.match(edited.stdout, /\b3\b/);
      assert.doesNotMatch(edited.stdout, /intact/);
    });
  });
}

describe('changes made from the command line', () => {
  it('are recorded in the audit trail: users and their groups, list compilation', async () => {
    const { url, dataDir, config } = await freshStoreConfig('sqlite');
    const added = await runCli(['users', 'add', 'alice', '--group', 'staff', '--config', config], {
      input: 'correct horse\n',
    });
    assert.equal(added.code, 0, added.stderr);
    const compiled = await runCli(['lists', 'compile', '--config', config]);
    assert.equal(compiled.code, 0, compiled.stderr);
    const store = await openStore({ url, dataDir });
    const rows = await recentAudit(store.db, {});
    await store.close();
    const user = rows.find((r) => r.action === 'user.add');
    assert.equal(user?.target, 'alice');
    assert.deepEqual(user?.details, { groups: ['staff'] });
    assert.match(user?.actor ?? '', /^cli:/);
    assert.ok(rows.some((r) => r.action === 'lists.compile' && r.targetKind === 'lists'));
    assert.doesNotMatch(JSON.stringify(rows), /correct horse/, 'never the password');
  });
});
