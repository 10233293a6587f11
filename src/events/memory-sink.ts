import type { EventSink } from './event-sink.js';
import type { GatewayEvent } from './gateway-event.js';

/** An `EventSink` that keeps events in an array, for tests of the code that emits them. */
export interface MemorySink extends EventSink {
  /** Every event added before `close`, in the order added. */
  readonly events: readonly GatewayEvent[];
  /** Events added after `close` (the contract says they are dropped; tests can check none are). */
  readonly dropped: number;
  /** True once `close` has been called. */
  readonly closed: boolean;
}

/**
 * Makes an in-memory sink with the same contract as the access log: `add` never throws and
 * drops events after `close`.
 *
 * ### Examples
 * ```ts
 * const sink = createMemorySink();
 * await handleRequest(request, { sink });
 * assert.equal(sink.events[0]?.action, 'block');
 * ```
 */
export function createMemorySink(): MemorySink {
  const events: GatewayEvent[] = [];
  let dropped = 0;
  let closed = false;
  return {
    get events() {
      return events;
    },
    get dropped() {
      return dropped;
    },
    get closed() {
      return closed;
    },
    add(event) {
      if (closed) dropped++;
      else events.push(event);
    },
    async flush() {},
    async close() {
      closed = true;
    },
  };
}
