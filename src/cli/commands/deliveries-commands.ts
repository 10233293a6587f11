import { loadConfig } from '../../config/load-config.js';
import { listDeliveries, retryDelivery } from '../../monitor/notify/list-deliveries.js';
import { openConfiguredStore } from '../open-configured-store.js';
import { resolveIdPrefix } from '../resolve-id-prefix.js';

const STATES = ['pending', 'sending', 'sent', 'dead'] as const;

/** `schoolgate alerts deliveries [--state dead]`: the outbox, newest first. */
export async function deliveriesListCommand(options: {
  config?: string;
  state?: string;
  limit?: string;
  json?: boolean;
}): Promise<void> {
  if (options.state !== undefined && !(STATES as readonly string[]).includes(options.state)) {
    throw new Error(`--state: '${options.state}' is not one of ${STATES.join(', ')}`);
  }
  const store = await openConfiguredStore(loadConfig(options.config));
  try {
    const rows = await listDeliveries(store.db, {
      ...(options.state === undefined ? {} : { state: options.state as (typeof STATES)[number] }),
      limit: Number(options.limit ?? 50),
    });
    if (options.json === true) {
      for (const row of rows) process.stdout.write(`${JSON.stringify(row)}\n`);
      return;
    }
    if (rows.length === 0) {
      process.stdout.write('No deliveries match.\n');
      return;
    }
    for (const row of rows) {
      process.stdout.write(
        `${row.id.slice(0, 8)}  ${row.state.padEnd(7)}  ${row.channel.padEnd(7)}  level ${row.level}  ${row.target}  attempts ${row.attempts}${row.lastError === null ? '' : `  last error: ${row.lastError}`}\n`,
      );
    }
  } finally {
    await store.close();
  }
}

/** `schoolgate alerts deliveries retry <id>`: a dead delivery back in the outbox. */
export async function deliveriesRetryCommand(
  idOrPrefix: string,
  options: { config?: string },
): Promise<void> {
  const store = await openConfiguredStore(loadConfig(options.config));
  try {
    const id = await resolveIdPrefix(store.db, 'alert_deliveries', idOrPrefix, 'delivery');
    const retried = await retryDelivery(store.db, id, Date.now());
    process.stdout.write(
      retried
        ? 'Back in the outbox: the gateway sends it within seconds.\n'
        : 'That delivery is not dead: nothing to retry.\n',
    );
  } finally {
    await store.close();
  }
}
