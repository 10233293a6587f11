import { loadConfig } from '../../config/load-config.js';
import { addNotice, listNotices, withdrawNotice } from '../../monitor/notices/notice-records.js';
import { cliActor, openConfiguredStore } from '../open-configured-store.js';
import { parseLocalTime } from '../parse-local-time.js';
import { resolveIdPrefix } from '../resolve-id-prefix.js';

export interface NoticeAddOptions {
  config?: string;
  groups: string;
  topic: string;
  keywords?: string;
  categories?: string;
  from: string;
  to: string;
  by?: string;
}

/**
 * `schoolgate alerts notices add`: a teacher's expected-activity notice. Times are on the
 * school's clock (`2026-11-24 09:00`) unless they carry a zone.
 */
export async function noticeAddCommand(options: NoticeAddOptions): Promise<void> {
  const loaded = loadConfig(options.config);
  const timezone = loaded.config.policy.timezone;
  const list = (text: string | undefined) =>
    (text ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s !== '');
  const store = await openConfiguredStore(loaded);
  try {
    const notice = await addNotice(
      store.db,
      {
        createdBy: options.by ?? cliActor(),
        groups: list(options.groups),
        topic: options.topic,
        keywords: list(options.keywords),
        categories: list(options.categories),
        fromMs: parseLocalTime(options.from, '--from', timezone),
        toMs: parseLocalTime(options.to, '--to', timezone),
      },
      Date.now,
    );
    process.stdout.write(
      `Notice ${notice.id.slice(0, 8)} registered: alerts about ${notice.groups.join(', ')} touching "${notice.topic}" between ${options.from} and ${options.to} will be marked expected and lowered one level.\n`,
    );
  } finally {
    await store.close();
  }
}

/** `schoolgate alerts notices list`: notices in force or to come. */
export async function noticeListCommand(options: { config?: string; json?: boolean }) {
  const loaded = loadConfig(options.config);
  const store = await openConfiguredStore(loaded);
  try {
    const notices = await listNotices(store.db, Date.now());
    if (options.json === true) {
      for (const n of notices) process.stdout.write(`${JSON.stringify(n)}\n`);
      return;
    }
    if (notices.length === 0) {
      process.stdout.write('No notices in force or to come.\n');
      return;
    }
    const when = new Intl.DateTimeFormat('en-GB', {
      timeZone: loaded.config.policy.timezone,
      dateStyle: 'short',
      timeStyle: 'short',
    });
    for (const n of notices) {
      process.stdout.write(
        `${n.id.slice(0, 8)}  ${when.format(n.fromMs)} to ${when.format(n.toMs)}  ${n.groups.join(',')}  "${n.topic}" by ${n.createdBy}; keywords: ${n.keywords.join(', ') || '-'}; categories: ${n.categories.join(', ') || '-'}\n`,
      );
    }
  } finally {
    await store.close();
  }
}

/** `schoolgate alerts notices withdraw <id> --reason R`. */
export async function noticeWithdrawCommand(
  idOrPrefix: string,
  options: { config?: string; reason: string },
): Promise<void> {
  const store = await openConfiguredStore(loadConfig(options.config));
  try {
    const id = await resolveIdPrefix(store.db, 'activity_notices', idOrPrefix, 'notice');
    const done = await withdrawNotice(store.db, id, cliActor(), options.reason, Date.now);
    process.stdout.write(done ? 'Notice withdrawn.\n' : 'That notice was already withdrawn.\n');
  } finally {
    await store.close();
  }
}
