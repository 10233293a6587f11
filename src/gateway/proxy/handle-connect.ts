import type { IncomingMessage } from 'node:http';
import { connect as connectTcp, type Socket } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { decide } from '../../engine/decision/decide.js';
import type { Decision, TunnelRefusal } from '../../engine/decision/decision.js';
import { moreRestrictive } from '../../engine/decision/more-restrictive.js';
import { canonicaliseHost } from '../../engine/url/canonicalise-host.js';
import { decisionContextFor } from './decision-context.js';
import type { GatewayDeps, Requester } from './gateway-deps.js';
import { MAX_CLIENT_HELLO_BYTES } from './tls/client-hello-result.js';
import { parseClientHello } from './tls/parse-client-hello.js';

/** What the inner HTTP server needs to know of an inspected tunnel's requests. */
export interface TunnelContext {
  readonly origin: string;
  readonly requester: Requester;
  readonly clientAddress: string;
}

export interface ConnectHooks {
  readonly clientAddress: string;
  readonly serveInspected: (tlsSocket: TLSSocket, context: TunnelContext) => void;
}

const HELLO_TIMEOUT_MS = 10_000;

/**
 * A CONNECT request: the target host is decided first; a tunnel to a port outside the
 * allowed list or to a bare IP address is refused. After `200`, the ClientHello is read: not
 * TLS is refused; an SNI naming another host is decided too (domain fronting). Then the
 * tunnel is either passed through untouched (inspection-exempt: only the host is recorded)
 * or terminated with a school-CA certificate so each request inside is decided on its URL.
 */
export async function handleConnect(
  req: IncomingMessage,
  socket: Socket,
  head: Buffer,
  deps: GatewayDeps,
  hooks: ConnectHooks,
): Promise<void> {
  socket.on('error', () => socket.destroy());
  const started = deps.now();
  const target = parseConnectTarget(req.url ?? '');
  if (target === null) return refuse(socket, '400 Bad Request', 'CONNECT needs host:port');
  const proxyAuthorization = req.headers['proxy-authorization'];
  const requester = await deps.identify({ clientAddress: hooks.clientAddress, proxyAuthorization });
  if (requester.kind === 'denied') {
    const realm = `${deps.schoolName.replace(/"/g, "'")} web access`;
    socket.end(
      `HTTP/1.1 407 Proxy Authentication Required\r\nproxy-authenticate: Basic realm="${realm}"\r\ncontent-length: 0\r\n\r\n`,
    );
    return;
  }
  const record = (decision: Decision, inspected: boolean, bytesUp: number, bytesDown: number) =>
    deps.record({
      time: started,
      requester,
      clientAddress: hooks.clientAddress,
      method: 'CONNECT',
      decision,
      inspected,
      status: null,
      bytesUp,
      bytesDown,
      durationMs: deps.now() - started,
      alert: decision.action === 'alert',
    });
  const refusal: TunnelRefusal | null = !deps.config.connectPorts.includes(target.port)
    ? 'port'
    : target.hostKind !== 'domain' && !deps.config.connectToIpLiterals
      ? 'ip-literal'
      : null;
  if (refusal !== null) {
    refuse(
      socket,
      '403 Forbidden',
      refusal === 'port'
        ? `tunnels to port ${target.port} are not allowed`
        : 'tunnels to bare IP addresses are not allowed',
    );
    record(refusedTunnel(target, requester, deps, refusal), false, 0, 0);
    return;
  }
  const byHost = decideHost(target.host, requester, deps, started);
  socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
  const hello = await readClientHello(socket, head);
  if (hello.kind !== 'tls') {
    socket.destroy();
    record(refusedTunnel(target, requester, deps, 'not-tls'), false, hello.bytes.length, 0);
    return;
  }
  const sni = hello.sni === null ? null : canonicaliseHost(hello.sni);
  const decision =
    sni === null || sni.host === byHost.host
      ? byHost
      : moreRestrictive(byHost, decideHost(sni.host, requester, deps, started));
  const serverName = sni?.host ?? target.host;
  if (isExempt(decision, requester, deps)) {
    if (decision.action === 'block') {
      socket.destroy();
      record(decision, false, hello.bytes.length, 0);
      return;
    }
    tunnel(socket, target, hello.bytes, deps.upstreamLookup, (up, down) =>
      record(decision, false, up, down),
    );
    return;
  }
  let tlsSocket: TLSSocket;
  try {
    tlsSocket = await deps.tls!.terminate(socket, hello.bytes, serverName);
  } catch {
    socket.destroy();
    record(decision, false, hello.bytes.length, 0);
    return;
  }
  tlsSocket.on('error', () => tlsSocket.destroy());
  const port = target.port === 443 ? '' : `:${target.port}`;
  hooks.serveInspected(tlsSocket, {
    origin: `https://${serverName}${port}`,
    requester,
    clientAddress: hooks.clientAddress,
  });
}

function decideHost(
  host: string,
  requester: Exclude<Requester, { kind: 'denied' }>,
  deps: GatewayDeps,
  now: number,
): Decision {
  return decide({ host, groups: requester.groups }, decisionContextFor(deps, requester, now));
}

/** The record of a tunnel the gateway refused: a block, for the person's group. */
function refusedTunnel(
  target: { host: string; port: number; hostKind: 'domain' | 'ipv4' | 'ipv6' },
  requester: Exclude<Requester, { kind: 'denied' }>,
  deps: GatewayDeps,
  why: TunnelRefusal,
): Decision {
  const host = target.hostKind === 'ipv6' ? `[${target.host}]` : target.host;
  return {
    kind: 'Decision',
    action: 'block',
    reason: { code: 'tunnel-refused', why },
    group: deps.engine().context.policy.resolveGroup(requester.groups).id,
    categories: [],
    matches: [],
    search: null,
    url: `https://${host}:${target.port}/`,
    host: target.host,
    hostOnly: true,
    safeSearch: null,
  };
}

/** Tunnelled, not inspected: no CA, inspection off, an exempt host or category, or an uninspected group. */
function isExempt(
  decision: Decision,
  requester: Exclude<Requester, { kind: 'denied' }>,
  deps: GatewayDeps,
): boolean {
  const { inspection } = deps.config;
  if (deps.tls === null || !inspection.enabled) return true;
  if (requester.groups.some((group) => inspection.uninspectedGroups.includes(group))) return true;
  const host = decision.host ?? '';
  const engine = deps.engine();
  if (engine.exemptHosts.some((exempt) => host === exempt || host.endsWith(`.${exempt}`)))
    return true;
  const exemptCategories = engine.exemptCategories;
  return decision.categories.some((category) => exemptCategories.has(category));
}

/** `host:port` (or `[v6]:port`) from a CONNECT request line, canonical; null when malformed. */
export function parseConnectTarget(
  authority: string,
): { host: string; port: number; hostKind: 'domain' | 'ipv4' | 'ipv6' } | null {
  const match = /^(\[[0-9a-fA-F:.]+\]|[^:[\]/\s@]+):(\d{1,5})$/.exec(authority);
  if (match === null) return null;
  const port = Number(match[2]);
  if (port < 1 || port > 65535) return null;
  const canonical = canonicaliseHost(match[1]!);
  return canonical === null ? null : { host: canonical.host, port, hostKind: canonical.hostKind };
}

type HelloRead =
  | { kind: 'tls'; sni: string | null; bytes: Buffer }
  | { kind: 'not-tls' | 'timeout'; bytes: Buffer };

/** Reads until a whole ClientHello is in (or it is clearly not TLS), then pauses the socket. */
function readClientHello(socket: Socket, head: Buffer): Promise<HelloRead> {
  return new Promise((resolve) => {
    let bytes = head;
    const done = (result: HelloRead) => {
      socket.off('data', onData);
      socket.off('close', onClose);
      clearTimeout(timer);
      socket.pause();
      resolve(result);
    };
    const check = () => {
      const parsed = parseClientHello(bytes);
      if (parsed.kind === 'tls') done({ kind: 'tls', sni: parsed.sni, bytes });
      else if (parsed.kind === 'not-tls' || bytes.length > MAX_CLIENT_HELLO_BYTES)
        done({ kind: 'not-tls', bytes });
    };
    const onData = (chunk: Buffer) => {
      bytes = Buffer.concat([bytes, chunk]);
      check();
    };
    const onClose = () => done({ kind: 'timeout', bytes });
    const timer = setTimeout(() => done({ kind: 'timeout', bytes }), HELLO_TIMEOUT_MS);
    socket.on('data', onData);
    socket.on('close', onClose);
    if (bytes.length > 0) check();
  });
}

/** Passes the tunnel through untouched, counting bytes each way. */
function tunnel(
  client: Socket,
  target: { host: string; port: number },
  hello: Buffer,
  lookup: GatewayDeps['upstreamLookup'],
  onEnd: (bytesUp: number, bytesDown: number) => void,
): void {
  const upstream = connectTcp({ port: target.port, host: target.host, lookup });
  let up = hello.length;
  let down = 0;
  let ended = false;
  const end = () => {
    if (ended) return;
    ended = true;
    client.destroy();
    upstream.destroy();
    onEnd(up, down);
  };
  upstream.on('connect', () => {
    upstream.write(hello);
    client.on('data', (chunk: Buffer) => {
      up += chunk.length;
    });
    upstream.on('data', (chunk: Buffer) => {
      down += chunk.length;
    });
    client.pipe(upstream);
    upstream.pipe(client);
    client.resume();
  });
  upstream.on('error', end);
  upstream.on('close', end);
  client.on('close', end);
}

function refuse(socket: Socket, status: string, why: string): void {
  const body = `${why}\n`;
  socket.end(
    `HTTP/1.1 ${status}\r\ncontent-type: text/plain\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
  );
}
