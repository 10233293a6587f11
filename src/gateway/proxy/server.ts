import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { GatewayDeps } from './gateway-deps.js';
import { LOCAL_PREFIX } from './gateway-pages.js';
import { handleConnect, type TunnelContext } from './handle-connect.js';
import { handleProxiedRequest } from './handle-request.js';
import { handleUpgrade } from './handle-upgrade.js';

/** The gateway's own pages and files (PAC, CA download, unblock requests...), by path. */
export type LocalRoutes = (
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
) => Promise<boolean> | boolean;

export interface ProxyServer {
  listen(port: number, host: string): Promise<AddressInfo>;
  /** Stops accepting, lets open exchanges finish (up to `graceMs`), then closes the rest. */
  close(graceMs?: number): Promise<void>;
  readonly connections: () => number;
}

/**
 * The explicit forward proxy: absolute-form requests are decided and forwarded, CONNECT
 * tunnels are decided and either tunnelled or inspected, and origin-form requests (to the
 * gateway itself) go to `localRoutes`.
 */
export function createProxyServer(
  deps: GatewayDeps,
  localRoutes: LocalRoutes,
  /** Host names that mean the gateway itself: proxied requests to them are served locally. */
  selfHosts: ReadonlySet<string>,
): ProxyServer {
  const { timeouts, limits } = deps.config;
  const options = {
    maxHeaderSize: limits.maxHeaderBytes,
    headersTimeout: timeouts.headersSeconds * 1000,
    requestTimeout: timeouts.requestSeconds * 1000,
    keepAliveTimeout: 5_000,
  };
  const tunnels = new WeakMap<Socket, TunnelContext>();
  const sockets = new Set<Socket>();

  const inner = createServer(options, (req, res) => {
    const tunnel = tunnels.get(req.socket);
    if (tunnel === undefined) {
      res.writeHead(500).end();
      return;
    }
    const local = localPath(req.url ?? '');
    if (local !== null) return serveLocal(req, res, local);
    void handleProxiedRequest(req, res, deps, {
      tunnelOrigin: tunnel.origin,
      requester: tunnel.requester,
      clientAddress: tunnel.clientAddress,
    });
  });
  inner.maxHeadersCount = limits.maxHeaders;
  inner.on('upgrade', (req: IncomingMessage, socket: Socket, head: Buffer) => {
    const tunnel = tunnels.get(socket);
    if (tunnel === undefined) return socket.destroy();
    void handleUpgrade(req, socket, head, deps, {
      tunnelOrigin: tunnel.origin,
      requester: tunnel.requester,
      clientAddress: tunnel.clientAddress,
    });
  });

  const serveLocal = (req: IncomingMessage, res: ServerResponse, path: string) => {
    void Promise.resolve(localRoutes(req, res, path)).then((handled) => {
      if (!handled) res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found\n');
    });
  };
  const outer: Server = createServer(options, (req, res) => {
    const url = req.url ?? '';
    if (url.startsWith('/')) return serveLocal(req, res, url);
    const self = selfPath(url, selfHosts);
    if (self !== null) return serveLocal(req, res, self);
    const local = localPath(url.replace(/^[a-z]+:\/\/[^/]*/i, ''));
    if (local !== null) return serveLocal(req, res, local);
    void handleProxiedRequest(req, res, deps, {
      tunnelOrigin: null,
      requester: null,
      clientAddress: clientAddressOf(req.socket),
    });
  });
  outer.maxHeadersCount = limits.maxHeaders;
  outer.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.setTimeout(timeouts.idleSeconds * 1000, () => socket.destroy());
    socket.on('close', () => sockets.delete(socket));
  });
  outer.on('connect', (req: IncomingMessage, socket: Socket, head: Buffer) => {
    void handleConnect(req, socket, head, deps, {
      clientAddress: clientAddressOf(socket),
      serveInspected: (tlsSocket, context) => {
        tunnels.set(tlsSocket, context);
        inner.emit('connection', tlsSocket);
      },
    });
  });
  outer.on('upgrade', (req: IncomingMessage, socket: Socket, head: Buffer) => {
    void handleUpgrade(req, socket, head, deps, {
      tunnelOrigin: null,
      requester: null,
      clientAddress: clientAddressOf(socket),
    });
  });
  outer.on('clientError', (error: Error & { code?: string }, socket: Socket) => {
    if (!socket.writable) return socket.destroy();
    // A timeout also hits browsers' idle preconnected sockets: a 400 there is read as the answer to their next request.
    if (error.code === 'ERR_HTTP_REQUEST_TIMEOUT') return socket.destroy();
    const status =
      error.code === 'HPE_HEADER_OVERFLOW'
        ? '431 Request Header Fields Too Large'
        : '400 Bad Request';
    socket.end(`HTTP/1.1 ${status}\r\nconnection: close\r\ncontent-length: 0\r\n\r\n`);
  });

  return {
    listen: (port, host) =>
      new Promise((resolve, reject) => {
        outer.once('error', reject);
        outer.listen(port, host, () => resolve(outer.address() as AddressInfo));
      }),
    close: (graceMs = 10_000) =>
      new Promise((resolve) => {
        outer.close(() => resolve());
        outer.closeIdleConnections();
        const timer = setTimeout(() => {
          for (const socket of sockets) socket.destroy();
        }, graceMs);
        timer.unref();
      }),
    connections: () => sockets.size,
  };
}

/** `/continue` for `/.schoolgate/continue`: the reserved path every site has at the gateway. */
function localPath(path: string): string | null {
  return path.startsWith(`${LOCAL_PREFIX}/`) ? path.slice(LOCAL_PREFIX.length) : null;
}

/** The path of an absolute-form URL addressed to the gateway itself, else null. */
function selfPath(url: string, selfHosts: ReadonlySet<string>): string | null {
  try {
    const parsed = new URL(url);
    return selfHosts.has(parsed.hostname.toLowerCase())
      ? `${parsed.pathname}${parsed.search}`
      : null;
  } catch {
    return null;
  }
}

/** The client's address, with IPv4-mapped IPv6 (`::ffff:a.b.c.d`) shown as IPv4. */
export function clientAddressOf(socket: Socket): string {
  const address = socket.remoteAddress ?? '';
  return address.startsWith('::ffff:') ? address.slice(7) : address;
}
