import { mkdirSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';
import {
  type ConsolePolicy,
  EMPTY_CONSOLE_POLICY,
} from '../../casework/decisions/load-console-policy.js';
import { watchPolicyCells } from '../../casework/decisions/watch-policy-cells.js';
import { loadRuntime } from '../../cli/engine-runtime.js';
import { policyDefinitionOf } from '../../config/config-schema.js';
import { resolveConfigPath } from '../../config/load-config.js';
import type { Decision } from '../../engine/decision/decision.js';
import { applyPolicyOverlay } from '../../engine/policy/apply-policy-overlay.js';
import { compilePolicy } from '../../engine/policy/compile-policy.js';
import { createAccessLog } from '../../events/ndjson-access-log.js';
import { type EventRecording, startEventRecording } from '../../events/start-event-recording.js';
import { toWebEvent } from '../../events/to-web-event.js';
import { createAddressMap } from '../../identity/address-map.js';
import type { Identity } from '../../identity/identity.js';
import { createIdentityResolver } from '../../identity/identity-resolver.js';
import { createPortalSessions } from '../../identity/portal-sessions.js';
import { createProxyAuthenticator } from '../../identity/proxy-auth.js';
import { loadUsersFile } from '../../identity/users-file.js';
import {
  type DirectoryGroupsWatch,
  watchDirectoryGroups,
} from '../../identity/watch-directory-groups.js';
import { dataDir } from '../../lists/compile-sources.js';
import { loadSafeguardingMatcher } from '../../monitor/load-safeguarding-matcher.js';
import { type RunningMonitor, startMonitor } from '../../monitor/start-monitor.js';
import type { EngineSnapshot, GatewayDeps, Requester, RequestRecord } from './gateway-deps.js';
import { type ClusterLoad, type GatewayLoad, loadHealth } from './gateway-load.js';
import { createGatewayPages } from './gateway-pages.js';
import { loadOrCreateLinkSecret } from './link-secret.js';
import { createLocalRoutes } from './local-routes.js';
import type { PortalPeers } from './portal-change.js';
import { createRequestRate } from './request-rate.js';
import { createProxyServer, type LocalRoutes } from './server.js';
import { currentCaView } from './tls/current-ca-view.js';
import { createInspectionSocket } from './tls/inspect-tls.js';
import { createLeafCertificateCache } from './tls/leaf-certificate-cache.js';
import { loadOrCreateSchoolCa, type SchoolCa } from './tls/school-ca.js';
import { createUpstreamTrust } from './tls/upstream-trust.js';
import { watchSchoolCa } from './tls/watch-school-ca.js';
import { createUpstreamLookup } from './upstream-lookup.js';
import { createWarnOverrides } from './warn-overrides.js';

export interface StartGatewayOptions {
  /** Config file; absent: the built-in starter config. */
  readonly config?: string;
  /** Override the configured listen port (tests use 0 for a free port). */
  readonly port?: number;
  readonly host?: string;
  readonly log?: (message: string) => void;
  /**
   * The access log's file name in its folder; default `access.ndjson`. Each cluster worker
   * has its own, because rotation renames the file.
   */
  readonly accessLogFile?: string;
  /**
   * This process's own spool sub-folder (`w2` for cluster worker slot 2): a spool has one
   * writer process. Default: the spool folder itself.
   */
  readonly spoolName?: string;
  /** Sibling workers to share portal sign-ins with (cluster mode). */
  readonly portalPeers?: PortalPeers;
  /** How the index file becomes bytes (a cluster worker maps it); default: read it. */
  readonly indexBytes?: (path: string) => Uint8Array;
  /**
   * The clock requests are decided and recorded by (tests that replay a pupil's morning in
   * seconds); default `Date.now`. Certificates and sign-in caches keep the real clock.
   */
  readonly now?: () => number;
  /** The whole cluster's load, summed by the primary (cluster mode): shown on `/healthz`. */
  readonly clusterLoad?: () => ClusterLoad | null;
}

export interface RunningGateway {
  readonly address: AddressInfo;
  /** The data folder (index, CA, logs, pid file). */
  readonly dataDir: string;
  /** PEM of the school CA devices must trust, or null when inspection is off. */
  readonly caCertificatePem: string | null;
  /** Reloads lists and policy from the config without dropping connections. */
  reload(): Promise<void>;
  /** Events on their way to the store (spool and writer); `drained()` waits for them. */
  readonly recording: EventRecording;
  /** The safeguarding monitor fed by the recording, or null when `monitor.enabled` is false. */
  readonly monitor: RunningMonitor | null;
  /** This process's own load (a cluster worker reports it to the primary). */
  load(): GatewayLoad;
  close(): Promise<void>;
}

/** How often each gateway process looks for policy changes made in the console. */
const POLICY_POLL_MS = 2000;
/** How often each gateway process reads the directory's group memberships. */
const DIRECTORY_POLL_MS = 5000;

/**
 * Starts the web gateway from a config: loads the engine, the school CA (made on first
 * start), identity and the access log, and listens. SIGHUP reloads lists and policy.
 */
export async function startGateway(options: StartGatewayOptions = {}): Promise<RunningGateway> {
  const log = options.log ?? ((message: string) => process.stderr.write(`${message}\n`));
  const clock = options.now ?? Date.now;
  let runtime = await loadRuntime({ config: options.config, log, indexBytes: options.indexBytes });
  const loaded = runtime.loaded!;
  const { config } = loaded;
  const gateway = config.gateway;
  const folder = dataDir(loaded);
  mkdirSync(folder, { recursive: true });
  // The console's cells, exceptions and inspection exemptions over the file's policy
  // (issue 6): changes arrive by polling.
  let changes: ConsolePolicy = EMPTY_CONSOLE_POLICY;
  const snapshotOf = (r: typeof runtime): EngineSnapshot => ({
    context:
      changes.cells.length === 0 && changes.exceptions.length === 0
        ? r.context
        : {
            ...r.context,
            policy: compilePolicy(
              applyPolicyOverlay(policyDefinitionOf(r.loaded?.config ?? config), changes),
            ),
          },
    exemptCategories: new Set(gateway.inspection.exemptCategories),
    exemptHosts: [...gateway.inspection.exemptHosts, ...changes.exemptHosts],
    phrases: r.phrases,
  });
  let snapshot = snapshotOf(runtime);
  const policyWatch = watchPolicyCells({
    database: config.database,
    dataDir: folder,
    intervalMs: POLICY_POLL_MS,
    log,
    onChange: (changed) => {
      const previous = changes;
      changes = changed;
      try {
        snapshot = snapshotOf(runtime);
      } catch (error) {
        changes = previous;
        log(
          `policy changes: cannot apply them (${(error as Error).message}); the last policy stays in force`,
        );
      }
    },
  });

  let ca = gateway.inspection.enabled
    ? await loadOrCreateSchoolCa({
        dir: join(folder, 'ca'),
        schoolName: config.school.name,
        now: () => new Date(),
      })
    : null;
  if (ca?.created)
    log(
      `created the school CA in ${join(folder, 'ca')}: devices must install its certificate (see /ca)`,
    );
  const leafCache = (current: SchoolCa) =>
    createLeafCertificateCache({ issue: (host) => current.issueLeaf(host), now: () => new Date() });
  let certificates = ca === null ? null : leafCache(ca);
  // A CA renewed in the console (issue 6): new leaves come from it within seconds, no restart.
  const caWatch =
    ca === null
      ? null
      : watchSchoolCa({
          dir: join(folder, 'ca'),
          schoolName: config.school.name,
          intervalMs: POLICY_POLL_MS,
          log,
          onChange: (renewed) => {
            ca = renewed;
            certificates = leafCache(renewed);
            log(`the school CA changed (SHA-256 ${renewed.fingerprintSha256}): new leaves use it`);
          },
        });
  const upstreamTrust = await createUpstreamTrust({
    extraCaFiles: gateway.upstream.extraCaFiles.map((file) => resolveConfigPath(loaded, file)),
  });

  const usersFile =
    config.identity.usersFile === undefined
      ? join(folder, 'users.json')
      : resolveConfigPath(loaded, config.identity.usersFile);
  const users = loadUsersFile(usersFile);
  const authenticator = createProxyAuthenticator({
    users,
    now: Date.now,
    cacheTtlMs: config.identity.cacheSeconds * 1000,
  });
  const portal = config.identity.portal.enabled
    ? createPortalSessions({ now: Date.now, ttlMs: config.identity.portal.sessionMinutes * 60_000 })
    : null;
  // Sign-ins made at a sibling worker arrive here; ours are published to them.
  options.portalPeers?.subscribe((change) => {
    if (change.op === 'sign-in') portal?.signIn(change.address, change.user);
    else portal?.signOut(change.address);
  });
  const identity = createIdentityResolver({
    authenticator,
    portal: portal ?? undefined,
    addressMap: createAddressMap(config.identity.addressMap),
    users,
    unidentified: config.identity.unidentified ?? { group: config.policy.defaultGroup },
  });

  // Group memberships from the school directory (imported or edited in the console).
  const directory = watchDirectoryGroups({
    database: config.database,
    dataDir: folder,
    intervalMs: DIRECTORY_POLL_MS,
    log,
  });

  const accessLog = gateway.accessLog.enabled
    ? createAccessLog({
        dir: resolve(folder, gateway.accessLog.dir),
        ...(options.accessLogFile === undefined ? {} : { fileName: options.accessLogFile }),
        now: Date.now,
        onError: (error) => log(`access log: ${error.message}`),
      })
    : null;
  const monitor = config.monitor.enabled
    ? startMonitor({
        config,
        dataDir: folder,
        phrases: loadSafeguardingMatcher(config.monitor, log),
        log,
        now: clock,
      })
    : null;
  const recording = await startEventRecording({
    dataDir: folder,
    database: config.database,
    ...(options.spoolName === undefined ? {} : { spoolName: options.spoolName }),
    log,
    ...(monitor === null ? {} : { onStored: (events) => monitor.process(events) }),
  });
  const overrides = createWarnOverrides();
  const pruneTimer = setInterval(() => overrides.prune(Date.now()), 60_000);
  pruneTimer.unref();
  const linkSecret = loadOrCreateLinkSecret(folder);
  const publicHost = gateway.publicHost ?? hostname().toLowerCase();

  // Requests per second for /healthz, by the real clock (a test's replayed clock would skew it).
  const requests = createRequestRate(Date.now);
  const deps: GatewayDeps = {
    config: gateway,
    schoolName: config.school.name,
    engine: () => snapshot,
    identify: async (request) => toRequester(await identity.resolve(request), directory),
    record: (record) => {
      requests.count();
      const event = toWebEvent(record.decision, factsOf(record, gateway.node));
      recording.add(event);
      accessLog?.add(event);
    },
    now: clock,
    // Pages link back to the gateway, so they are made once the port is bound (below).
    get pages() {
      return pages;
    },
    overrides,
    linkSecret,
    upstreamTls: upstreamTrust.secureContext,
    upstreamLookup: createUpstreamLookup(gateway.upstream.hosts),
    tls:
      certificates === null
        ? null
        : {
            terminate: (socket, hello, sni) =>
              createInspectionSocket({
                socket,
                clientHello: hello,
                hostname: sni,
                certificates: certificates!,
              }),
          },
  };

  let pages: GatewayDeps['pages'];
  let routes: LocalRoutes = () => false;
  const server = createProxyServer(
    deps,
    (req, res, path) => routes(req, res, path),
    new Set([publicHost]),
  );
  const bound = await server.listen(
    options.port ?? gateway.listen.port,
    options.host ?? gateway.listen.host,
  );
  const gatewayOrigin = `http://${publicHost}:${bound.port}`;
  pages = createGatewayPages({
    schoolName: config.school.name,
    gatewayOrigin,
    linkSecret,
    overrideMinutes: gateway.warnOverrideMinutes,
  });
  routes = createLocalRoutes({
    schoolName: config.school.name,
    gatewayOrigin,
    proxyHost: publicHost,
    proxyPort: bound.port,
    linkSecret,
    overrideMinutes: gateway.warnOverrideMinutes,
    overrides,
    ca: ca === null ? null : currentCaView(() => ca!),
    onUnblockRequest: (request, at) =>
      writeFileSync(
        join(folder, 'unblock-requests.ndjson'),
        `${JSON.stringify({ at: new Date(at).toISOString(), ...request })}\n`,
        { flag: 'a' },
      ),
    portal:
      portal === null
        ? null
        : {
            signIn: async (address, username, password) => {
              const result = await authenticator.checkPassword(username, password);
              if (result.kind !== 'user') return null;
              const session = portal.signIn(address, result.user);
              options.portalPeers?.publish({ op: 'sign-in', address, user: result.user });
              return { displayName: result.user.displayName, expiresAt: session.expiresAt };
            },
            signOut: (address) => {
              options.portalPeers?.publish({ op: 'sign-out', address });
              return portal.signOut(address);
            },
          },
    health: () => {
      // Events not yet in the store (`eventsWaiting`, in loadHealth), and whether the store
      // is taking them: IT's first look when the database is away (events wait in the
      // spool; nothing is lost).
      const events = recording.stats();
      return {
        eventStore: events.writer.state,
        ...monitorHealth(monitor),
        indexEntries: snapshot.context.index.header.entryCount,
        indexBuiltAt: new Date(snapshot.context.index.header.builtAt).toISOString(),
        ...loadHealth(
          ownLoad(),
          options.clusterLoad?.() ?? null,
          snapshot.context.index.header.builtAt,
          Date.now(),
        ),
      };
    },
    now: clock,
  });

  const ownLoad = (): GatewayLoad => ({
    requestsPerSecond: requests.perSecond(),
    eventsWaiting: recording.stats().spool.pending,
    connections: server.connections(),
  });
  const reload = async () => {
    runtime = await loadRuntime({ config: options.config, log, indexBytes: options.indexBytes });
    snapshot = snapshotOf(runtime);
    log(`reloaded: ${runtime.summary}`);
  };
  const onHangup = () =>
    void reload().catch((error: Error) =>
      log(`reload failed, still using the previous lists and policy: ${error.message}`),
    );
  process.on('SIGHUP', onHangup);
  log(`Schoolgate gateway listening on ${bound.address}:${bound.port}; ${runtime.summary}`);
  return {
    address: bound,
    dataDir: folder,
    get caCertificatePem() {
      return ca?.certificatePem ?? null;
    },
    reload,
    close: async () => {
      process.off('SIGHUP', onHangup);
      clearInterval(pruneTimer);
      await server.close();
      await accessLog?.close();
      await recording.close();
      await monitor?.close();
      await policyWatch.close();
      await directory.close();
      caWatch?.close();
    },
    recording,
    monitor,
    load: ownLoad,
  };
}

/** A person's groups are the directory's when it lists them, else the users file's. */
function toRequester(identity: Identity, directory: DirectoryGroupsWatch): Requester {
  switch (identity.kind) {
    case 'person':
      return {
        kind: 'person',
        username: identity.username,
        groups: directory.groupsOf(identity.username) ?? identity.groups,
      };
    case 'device':
      return { kind: 'device', label: identity.label, groups: identity.groups };
    case 'anonymous':
      return { kind: 'anonymous', label: null, groups: identity.groups };
    case 'denied':
      return { kind: 'denied' };
  }
}

function factsOf(record: RequestRecord, node: string) {
  const requester = record.requester;
  const decision: Decision = record.decision;
  return {
    startedAt: record.time,
    node,
    user: requester.kind === 'person' ? requester.username : null,
    groups: requester.kind === 'denied' ? [] : requester.groups,
    device: requester.kind === 'device' ? requester.label : null,
    clientAddress: record.clientAddress,
    method: record.method,
    scheme: (decision.url?.startsWith('http:') ? 'http' : 'https') as 'http' | 'https',
    host: decision.host ?? '',
    inspectionExempt: !record.inspected,
    alert: record.alert,
    inspected: record.inspected,
    status: record.status,
    bytesUp: record.bytesUp,
    bytesDown: record.bytesDown,
    durationMs: record.durationMs,
  };
}

/** The monitor's part of /healthz: deliveries waiting to be retried or given up on matter to IT. */
function monitorHealth(monitor: RunningMonitor | null): Record<string, unknown> {
  if (monitor === null) return { monitor: 'off' };
  const { monitor: service, deliveries } = monitor.stats();
  return {
    monitor: service === null ? 'starting' : 'running',
    alertsOpened: service?.opened ?? 0,
    deliveriesSent: deliveries?.sent ?? 0,
    deliveriesDead: deliveries?.dead ?? 0,
  };
}
