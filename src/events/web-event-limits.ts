/**
 * Upper bounds on a `WebEvent`'s variable-length fields, shared by `toWebEvent` (which cuts
 * free text to fit) and `webEventSchema` (which rejects what does not fit), so an event the
 * gateway builds is always one the store accepts. Store columns may be sized from these.
 */
export const WEB_EVENT_LIMITS = Object.freeze({
  node: 64,
  user: 256,
  group: 128,
  groups: 64,
  device: 256,
  method: 32,
  /** A DNS name is at most 253 characters; 255 leaves room for a raw host that is not one. */
  host: 255,
  /** The engine refuses URLs longer than 8 KiB, so a canonical path or search never is. */
  path: 8192,
  category: 128,
  categories: 64,
  searchTerms: 8192,
  /** A list entry key is a host, or a host and path. */
  listKey: 255 + 8192,
  listSources: 32,
  phrases: 8,
  phrase: 100,
  /** The scanner's snippets are 60 UTF-16 units; room for a longer one from elsewhere. */
  snippet: 120,
});
