import type { IncomingMessage } from 'node:http';
import { connect as connectTcp, type Socket } from 'node:net';
import { connect as connectTls } from 'node:tls';
import { decide } from '../../engine/decision/decide.js';
import type { GatewayDeps } from './gateway-deps.js';
import type { RequestOrigin } from './handle-request.js';

const HOP_BY_HOP = new Set(['proxy-authorization', 'proxy-connection', 'keep-alive']);

/**
 * An `Upgrade` request (WebSocket): decided on its URL like any request; when allowed, the
 * request goes upstream as is (with its Upgrade and Connection headers) and the two sockets
 * are spliced, so whatever the site answers (101, or a refusal) reaches the client.
 */
export async function handleUpgrade(
  req: IncomingMessage,
  socket: Socket,
  head: Buffer,
  deps: GatewayDeps,
  origin: RequestOrigin,
): Promise<void> {
  socket.on('error', () => socket.destroy());
  const started = deps.now();
  const requester =
    origin.requester ??
    (await deps.identify({
      clientAddress: origin.clientAddress,
      proxyAuthorization: req.headers['proxy-authorization'],
    }));
  if (requester.kind === 'denied') return refuse(socket, '407 Proxy Authentication Required');
  const url =
    origin.tunnelOrigin === null ? (req.url ?? '') : `${origin.tunnelOrigin}${req.url ?? '/'}`;
  const decision = decide(
    { url: url.replace(/^ws(s?):/i, 'http$1:'), groups: requester.groups },
    { ...deps.engine().context, now: started },
  );
  const record = (status: number | null, up: number, down: number) =>
    deps.record({
      time: started,
      requester,
      clientAddress: origin.clientAddress,
      method: req.method ?? 'GET',
      decision,
      inspected: true,
      status,
      bytesUp: up,
      bytesDown: down,
      durationMs: deps.now() - started,
      alert: decision.action === 'alert',
    });
  if (decision.url === null || decision.action === 'block' || decision.action === 'warn') {
    refuse(socket, '403 Forbidden');
    record(403, 0, 0);
    return;
  }
  const target = new URL(decision.url);
  const port = Number(target.port) || (target.protocol === 'https:' ? 443 : 80);
  const upstream =
    target.protocol === 'https:'
      ? connectTls({
          host: target.hostname,
          port,
          servername: target.hostname,
          secureContext: deps.upstreamTls,
          lookup: deps.upstreamLookup,
          ALPNProtocols: ['http/1.1'],
        })
      : connectTcp({ host: target.hostname, port, lookup: deps.upstreamLookup });
  let up = 0;
  let down = 0;
  let ended = false;
  const end = () => {
    if (ended) return;
    ended = true;
    socket.destroy();
    upstream.destroy();
    record(101, up, down);
  };
  upstream.once(target.protocol === 'https:' ? 'secureConnect' : 'connect', () => {
    const lines = [`${req.method} ${target.pathname}${target.search} HTTP/1.1`];
    for (let i = 0; i < req.rawHeaders.length; i += 2) {
      const name = req.rawHeaders[i]!;
      if (HOP_BY_HOP.has(name.toLowerCase())) continue;
      lines.push(`${name}: ${name.toLowerCase() === 'host' ? target.host : req.rawHeaders[i + 1]}`);
    }
    upstream.write(`${lines.join('\r\n')}\r\n\r\n`);
    if (head.length > 0) upstream.write(head);
    socket.on('data', (chunk: Buffer) => {
      up += chunk.length;
    });
    upstream.on('data', (chunk: Buffer) => {
      down += chunk.length;
    });
    socket.pipe(upstream);
    upstream.pipe(socket);
  });
  upstream.on('error', () => {
    if (!ended && down === 0) refuse(socket, '502 Bad Gateway');
    end();
  });
  upstream.on('close', end);
  socket.on('close', end);
}

function refuse(socket: Socket, status: string): void {
  socket.end(`HTTP/1.1 ${status}\r\nconnection: close\r\ncontent-length: 0\r\n\r\n`);
}
