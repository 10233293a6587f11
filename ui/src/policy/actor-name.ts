const CONSOLE_PREFIX = 'console:';

/**
 * Who made a change, as people say it: the username for a console change (the audit
 * trail's `console:username`), any other actor (`cli:…`) as it is.
 *
 * ### Examples
 * ```ts
 * actorName('console:jo.it'); // 'jo.it'
 * ```
 */
export function actorName(actor: string): string {
  return actor.startsWith(CONSOLE_PREFIX) ? actor.slice(CONSOLE_PREFIX.length) : actor;
}
