import { SAFE_SEARCH_TABLE } from './safe-search-table.generated.js';

const ADDRESSES: ReadonlyMap<string, string> = new Map(SAFE_SEARCH_TABLE.addresses);

/**
 * Returns the IPv4 address a DNS gateway must answer with (as an A record) for engines that
 * publish a safe-search address but no name to CNAME to — today Yandex's hosts
 * (`yandex.ru`, `www.yandex.com`, ...) -> `213.180.193.56` — or null. `host` must be
 * lower-case without a trailing dot. Check `safeSearchCname` first; the two never overlap.
 *
 * ### Examples
 * ```ts
 * safeSearchAddress('yandex.ru'); // '213.180.193.56'
 * safeSearchAddress('www.google.com'); // null (a CNAME host)
 * ```
 */
export function safeSearchAddress(host: string): string | null {
  return ADDRESSES.get(host) ?? null;
}
