import { attachToHold } from '../../casework/holds/attach-to-hold.js';
import type { HoldEventSelection } from '../../casework/holds/hold-event-selection.js';
import type { LegalHold } from '../../casework/holds/legal-hold.js';
import { listHolds } from '../../casework/holds/list-holds.js';
import { placeHold } from '../../casework/holds/place-hold.js';
import { releaseHold } from '../../casework/holds/release-hold.js';
import { loadConfig } from '../../config/load-config.js';
import { cliActor, openConfiguredStore } from '../open-configured-store.js';
import { parseWhen } from '../parse-when.js';

/** Options shared by `holds place` and `holds attach` to pick events. */
interface EventOptions {
  /** Event ids (repeatable, or comma-separated). */
  event?: string[];
  /** With `from` and `to`: every event of this user in the period. */
  user?: string;
  /** `YYYY-MM-DD` (start of that UTC day) or an ISO time. */
  from?: string;
  /** `YYYY-MM-DD` (end of that UTC day, included) or an ISO time (excluded). */
  to?: string;
}

/**
 * `schoolgate holds place --kind safeguarding|hr --case <ref> --reason <text> [--subject <user>]
 * [--birth-date YYYY-MM-DD] [--event <id>...] [--user <u> --from <day> --to <day>]`: places a
 * legal hold and attaches events; prints the hold and when it is due for review.
 */
export async function holdsPlaceCommand(
  options: EventOptions & {
    config?: string;
    kind: string;
    case: string;
    reason: string;
    subject?: string;
    birthDate?: string;
    json?: boolean;
  },
): Promise<void> {
  const loaded = loadConfig(options.config);
  const { ids, filter } = eventSelection(options);
  if (options.kind !== 'safeguarding' && options.kind !== 'hr') {
    throw new Error(`--kind must be safeguarding or hr, not '${options.kind}'`);
  }
  const store = await openConfiguredStore(loaded);
  try {
    const hold = await placeHold(
      store.db,
      {
        kind: options.kind,
        caseRef: options.case,
        subject: options.subject ?? filter?.user,
        reason: options.reason,
        actor: cliActor(),
        subjectBirthDate: options.birthDate,
        eventIds: ids,
        eventFilter: filter,
      },
      loaded.config.retention.holds,
      Date.now,
    );
    if (options.json === true) {
      process.stdout.write(`${JSON.stringify(hold, null, 2)}\n`);
    } else {
      process.stdout.write(
        `Placed ${hold.kind} hold ${hold.id} for case ${hold.caseRef}: ${hold.events} event(s) attached.\n${dueLine(hold, loaded.config.retention.holds)}\n`,
      );
    }
    reportMissing(hold.missing);
  } finally {
    await store.close();
  }
}

/** `schoolgate holds attach <hold-id> [--event <id>...] [--user <u> --from <day> --to <day>]`. */
export async function holdsAttachCommand(
  holdId: string,
  options: EventOptions & { config?: string },
): Promise<void> {
  const loaded = loadConfig(options.config);
  const { ids, filter } = eventSelection(options);
  const store = await openConfiguredStore(loaded);
  try {
    let attached = 0;
    const missing: string[] = [];
    for (const selection of [ids, filter]) {
      if (selection === undefined) continue;
      const result = await attachToHold(store.db, holdId, selection, cliActor(), Date.now);
      attached += result.attached;
      missing.push(...result.missing);
    }
    process.stdout.write(`Attached ${attached} event(s) to hold ${holdId}.\n`);
    reportMissing(missing);
  } finally {
    await store.close();
  }
}

/** `schoolgate holds release <hold-id> --reason <text>`: audited; the reason is required. */
export async function holdsReleaseCommand(
  holdId: string,
  options: { config?: string; reason: string },
): Promise<void> {
  const loaded = loadConfig(options.config);
  const store = await openConfiguredStore(loaded);
  try {
    const hold = await releaseHold(
      store.db,
      holdId,
      { actor: cliActor(), reason: options.reason },
      Date.now,
    );
    process.stdout.write(
      `Released ${hold.kind} hold ${hold.id} (case ${hold.caseRef}, ${hold.events} event(s)): they now follow the general retention periods.\n`,
    );
  } finally {
    await store.close();
  }
}

/** `schoolgate holds list [--all] [--due-by <day>] [--json]`: holds, soonest review first. */
export async function holdsListCommand(options: {
  config?: string;
  all?: boolean;
  dueBy?: string;
  json?: boolean;
}): Promise<void> {
  const loaded = loadConfig(options.config);
  const dueBy =
    options.dueBy === undefined ? undefined : parseWhen(options.dueBy, '--due-by', true);
  const store = await openConfiguredStore(loaded);
  try {
    const holds = await listHolds(store.db, { includeReleased: options.all === true, dueBy });
    process.stdout.write(
      options.json === true ? `${JSON.stringify(holds, null, 2)}\n` : formatHolds(holds),
    );
  } finally {
    await store.close();
  }
}

/** Holds as a table for people. */
export function formatHolds(holds: readonly LegalHold[]): string {
  if (holds.length === 0) return 'No legal holds.\n';
  const lines = [
    `${'id'.padEnd(36)}  ${'kind'.padEnd(12)}  ${'case'.padEnd(16)}  ${'subject'.padEnd(16)}  ${'events'.padStart(7)}  review due`,
  ];
  for (const h of holds) {
    const due = `${new Date(h.reviewDueMs).toISOString().slice(0, 10)}${h.reviewDueFallback ? ' (fallback: no date of birth)' : ''}`;
    const state =
      h.releasedMs === null
        ? ''
        : `  released ${new Date(h.releasedMs).toISOString().slice(0, 10)} by ${h.releasedBy}: ${h.releaseReason}`;
    lines.push(
      `${h.id}  ${h.kind.padEnd(12)}  ${h.caseRef.padEnd(16)}  ${(h.subject ?? '-').padEnd(16)}  ${String(h.events).padStart(7)}  ${due}${state}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

function dueLine(
  hold: LegalHold,
  periods: { safeguardingReviewYearsAfterBirth: number; hrYears: number },
): string {
  const due = new Date(hold.reviewDueMs).toISOString().slice(0, 10);
  if (hold.kind === 'hr')
    return `The hold ends on ${due} (${periods.hrYears} years after it was placed).`;
  if (hold.reviewDueFallback) {
    return `Review due ${due}: a FALLBACK date (placed + ${periods.safeguardingReviewYearsAfterBirth} years), because no date of birth was given. Safeguarding holds are never released automatically.`;
  }
  return `Review due ${due} (date of birth + ${periods.safeguardingReviewYearsAfterBirth} years). Safeguarding holds are never released automatically.`;
}

function eventSelection(options: EventOptions): {
  ids: readonly string[] | undefined;
  filter: Extract<HoldEventSelection, { user: string }> | undefined;
} {
  const ids = (options.event ?? [])
    .flatMap((e) => e.split(','))
    .map((e) => e.trim())
    .filter(Boolean);
  const period = [options.user, options.from, options.to].filter((v) => v !== undefined).length;
  if (period !== 0 && period !== 3) throw new Error('--user, --from and --to go together');
  const filter =
    options.user === undefined
      ? undefined
      : {
          user: options.user,
          fromMs: parseWhen(options.from!, '--from', false),
          toMs: parseWhen(options.to!, '--to', true),
        };
  return { ids: ids.length > 0 ? ids : undefined, filter };
}

function reportMissing(missing: readonly string[]): void {
  if (missing.length === 0) return;
  process.stderr.write(
    `${missing.length} event id(s) matched no stored event (mistyped, or archived: restore the day with "schoolgate archive restore" first):\n${missing.map((id) => `  ${id}\n`).join('')}`,
  );
  process.exitCode = 1;
}
