import type { Socket } from 'node:net';
import type { SecureContext, TLSSocket } from 'node:tls';
import type { GatewayConfig } from '../../config/gateway-config.js';
import type { DecisionContext } from '../../engine/decision/decide.js';
import type { Decision } from '../../engine/decision/decision.js';
import type { PhraseMatcher } from '../../engine/phrases/phrase-matcher.js';
import type { PageResponse } from './pages/page-response.js';
import type { createUpstreamLookup } from './upstream-lookup.js';

/** The engine as the gateway sees it: swapped whole on reload, so a request sees one version. */
export interface EngineSnapshot {
  readonly context: Omit<DecisionContext, 'now' | 'isOverridden'>;
  /** Categories whose HTTPS is tunnelled, not inspected (their host only is logged). */
  readonly exemptCategories: ReadonlySet<string>;
  /**
   * Hosts (and their subdomains) whose HTTPS is tunnelled, not inspected: the config's
   * `inspection.exemptHosts` and the console's inspection exemptions (issue 6), joined once
   * per snapshot so a CONNECT checks one list.
   */
  readonly exemptHosts: readonly string[];
  /** Phrase matcher for page text; null when no phrase lists are configured. */
  readonly phrases: PhraseMatcher | null;
}

/** Who is asking, as far as the gateway needs to know. */
export type Requester =
  | { readonly kind: 'person'; readonly username: string; readonly groups: readonly string[] }
  | {
      readonly kind: 'device' | 'anonymous';
      readonly label: string | null;
      readonly groups: readonly string[];
    }
  | { readonly kind: 'denied' };

/** What the gateway records of one request (turned into a stored event by `record`). */
export interface RequestRecord {
  readonly time: number;
  readonly requester: Requester;
  readonly clientAddress: string;
  readonly method: string;
  readonly decision: Decision;
  /** False for tunnelled (inspection-exempt) HTTPS: then only the host is kept. */
  readonly inspected: boolean;
  readonly status: number | null;
  readonly bytesUp: number;
  readonly bytesDown: number;
  readonly durationMs: number;
  /** True when the request must reach the safeguarding monitor (alert rule or page phrases). */
  readonly alert: boolean;
}

/** Everything the proxy's request handlers depend on, passed in (tests build their own). */
export interface GatewayDeps {
  readonly config: GatewayConfig;
  readonly schoolName: string;
  readonly engine: () => EngineSnapshot;
  readonly identify: (request: {
    clientAddress: string;
    proxyAuthorization: string | undefined;
  }) => Promise<Requester>;
  readonly record: (record: RequestRecord) => void;
  readonly now: () => number;
  readonly pages: {
    block(decision: Decision, requester: Requester, now: number): PageResponse;
    warn(decision: Decision, requester: Requester, now: number): PageResponse;
    error(title: string, detail: string, status: number): PageResponse;
  };
  /** Signs and checks unblock links, continue tokens and override cookies. */
  readonly linkSecret: string;
  /** Warn overrides a person has taken ("continue"), by user key and host. */
  readonly overrides: { has(userKey: string, host: string, now: number): boolean };
  /** Resolves upstream host names (the configured fixed table first, then DNS). */
  readonly upstreamLookup: ReturnType<typeof createUpstreamLookup>;
  /** Roots trusted for upstream TLS (system store plus configured extras), parsed once. */
  readonly upstreamTls: SecureContext;
  /**
   * Terminates a client's TLS with a certificate for `sni` signed by the school CA, given the
   * ClientHello bytes already read; null when inspection is not possible (no CA).
   */
  readonly tls: {
    terminate(socket: Socket, hello: Buffer, sni: string): Promise<TLSSocket>;
  } | null;
}
