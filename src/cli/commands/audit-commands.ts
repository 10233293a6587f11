import { AUDIT_TARGET_KINDS, type AuditTargetKind } from '../../casework/audit/append-audit.js';
import { recentAudit } from '../../casework/audit/recent-audit.js';
import { verifyAudit } from '../../casework/audit/verify-audit.js';
import { loadConfig } from '../../config/load-config.js';
import { openConfiguredStore } from '../open-configured-store.js';
import { createProgressBar } from '../progress-bar.js';

/**
 * `schoolgate audit verify [--expect <seq>:<hash>]`: checks the whole hash chain and prints
 * `audit trail intact: N rows, head <hash prefix>` and the full head hash (for the school to
 * write down or send to an external log), or one line per problem and exit code 1.
 * `--expect` checks a head recorded earlier, which catches a rewrite of every row.
 *
 * ### Examples
 * ```sh
 * schoolgate audit verify --config /etc/schoolgate/schoolgate.yaml
 * schoolgate audit verify --expect 1234:5b345b62685bf65b
 * ```
 */
export async function auditVerifyCommand(options: {
  config?: string;
  expect?: string;
}): Promise<void> {
  const expect = options.expect === undefined ? undefined : parseExpect(options.expect);
  const store = await openConfiguredStore(loadConfig(options.config));
  try {
    const bar = createProgressBar('audit verify');
    const result = await verifyAudit(store.db, {
      onProgress: (done, total) => bar.update(done, total),
      ...(expect === undefined ? {} : { expect }),
    });
    bar.finish();
    const rows = result.rows.toLocaleString('en-GB');
    if (result.ok) {
      const head = result.head ?? { seq: 0, hash: '0'.repeat(64) };
      process.stdout.write(
        `audit trail intact: ${rows} rows, head ${head.hash.slice(0, 16)}\nhead: row ${head.seq} ${head.hash}\n`,
      );
      return;
    }
    const lines = result.problems.map((p) => `  ${p.message}`);
    if (result.omitted > 0) lines.push(`  ... and ${result.omitted} more problems`);
    const count = result.problems.length + result.omitted;
    process.stdout.write(
      `audit trail damaged: ${count} problem${count === 1 ? '' : 's'} in ${rows} rows\n${lines.join('\n')}\n`,
    );
    process.exitCode = 1;
  } finally {
    await store.close();
  }
}

/**
 * `schoolgate audit show [--kind k] [--target t] [--limit n]`: the newest audit rows as a
 * table (seq, time UTC, actor, action, target, client address, reason).
 *
 * ### Examples
 * ```sh
 * schoolgate audit show --kind person --target pupil.one --limit 20
 * ```
 */
export async function auditShowCommand(options: {
  config?: string;
  target?: string;
  kind?: string;
  limit?: string | number;
}): Promise<void> {
  const kind = options.kind;
  if (kind !== undefined && !AUDIT_TARGET_KINDS.includes(kind as AuditTargetKind)) {
    throw new Error(`unknown kind '${kind}' (kinds: ${AUDIT_TARGET_KINDS.join(', ')})`);
  }
  const limit = options.limit === undefined ? 50 : Number(options.limit);
  if (!Number.isInteger(limit) || limit < 1) throw new Error('--limit must be a whole number ≥ 1');
  const store = await openConfiguredStore(loadConfig(options.config));
  try {
    const records = await recentAudit(store.db, {
      limit,
      ...(kind === undefined ? {} : { targetKind: kind as AuditTargetKind }),
      ...(options.target === undefined ? {} : { target: options.target }),
    });
    if (records.length === 0) {
      process.stdout.write('no audit rows\n');
      return;
    }
    const table = [
      ['SEQ', 'TIME (UTC)', 'ACTOR', 'ACTION', 'TARGET', 'CLIENT', 'REASON'],
      ...records.map((r) => [
        String(r.seq),
        new Date(r.timeMs).toISOString().slice(0, 19).replace('T', ' '),
        r.actor,
        r.action,
        `${r.targetKind}:${r.target}`,
        r.clientAddress ?? '-',
        oneLine(r.reason ?? '-'),
      ]),
    ];
    const widths = table[0]!.map((_, i) => Math.max(...table.map((row) => row[i]!.length)));
    const text = table.map((row) =>
      row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i]!))).join('  '),
    );
    process.stdout.write(`${text.join('\n')}\n`);
  } finally {
    await store.close();
  }
}

/** `<seq>:<hash>` as `audit verify` printed it (`head: row <seq> <hash>` also accepted). */
function parseExpect(value: string): { seq: number; hash: string } {
  const match = /^\s*(?:row\s+)?(\d+)[:\s]\s*([0-9a-f]{8,64})\s*$/i.exec(value);
  if (match === null) {
    throw new Error(`--expect wants <seq>:<hash> (at least 8 hex digits), not '${value}'`);
  }
  return { seq: Number(match[1]), hash: match[2]!.toLowerCase() };
}

/** Reasons are free text: keep the table one row per line and bounded in width. */
function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, ' ');
  return flat.length > 60 ? `${flat.slice(0, 59)}…` : flat;
}
