import type { WebEvent } from './web-event.js';

/**
 * Every kind of event a gateway records, told apart by `kind`. Only web requests exist so
 * far; the DNS gateway will add `{ kind: 'dns-query', ... }` here, and sinks and the store
 * switch on `kind`, so adding a member is a compile error wherever it is not yet handled.
 */
export type GatewayEvent = WebEvent;
