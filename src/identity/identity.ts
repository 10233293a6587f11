import type { AuthFailureReason } from './parse-basic-credentials.js';

/**
 * Who a request is, as the proxy, the policy and the event log see it. Stable wire names.
 * - `person`: a named user; `via` says how we know (for the record and for IDN-01).
 * - `device`: a static-map entry without a person (a library PC, a range like guest Wi-Fi);
 *   `label` is the entry's label, or its range when it has none.
 * - `anonymous`: nothing identified the request and policy lets it through in a fixed group.
 * - `denied`: the proxy must answer 407 with `Proxy-Authenticate: Basic realm="<school>",
 *   charset="UTF-8"`. `reason` says whether credentials were wrong or absent; `authReason`
 *   is set when they were wrong.
 */
export type Identity =
  | {
      readonly kind: 'person';
      readonly username: string;
      readonly displayName: string;
      readonly groups: readonly string[];
      readonly via: 'proxy-auth' | 'portal' | 'address-map';
    }
  | {
      readonly kind: 'device';
      readonly label: string;
      readonly groups: readonly string[];
      readonly via: 'address-map';
    }
  | { readonly kind: 'anonymous'; readonly groups: readonly string[] }
  | {
      readonly kind: 'denied';
      readonly challenge: true;
      readonly reason: 'invalid-credentials' | 'unidentified';
      readonly authReason?: AuthFailureReason;
    };
