import type { GatewayEvent } from './gateway-event.js';

/**
 * Where a gateway puts its events: the NDJSON access log today, the spool in front of the
 * event store later, an in-memory array in tests. The gateway depends on this and nothing
 * more, so sinks can be swapped (or several fanned out) without touching it.
 *
 * Contract: `add` is called on the request path, so it must never block and never throw;
 * a sink that cannot write keeps or drops events and says so some other way. `flush`
 * resolves once everything added before the call has been written, or one attempt to write
 * it has failed. `close` flushes and releases the sink; events added afterwards are dropped.
 *
 * ### Examples
 * ```ts
 * const sink: EventSink = createAccessLog({ dir: 'logs', now: Date.now });
 * sink.add(toWebEvent(decision, facts));
 * await sink.close(); // on shutdown
 * ```
 */
export interface EventSink {
  add(event: GatewayEvent): void;
  flush(): Promise<void>;
  close(): Promise<void>;
}
