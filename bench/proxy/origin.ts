/**
 * The loopback origin every proxy fetches from: plain HTTP and HTTPS (a test CA of its own)
 * on 127.0.0.1, serving the small page, the 50 KB page and a stand-in block page from
 * memory. HTTPS listens on 443 when it can: e2guardian only goes MITM for CONNECTs to port
 * 443 (it tunnels other ports untouched). Run as a child of run.ts; prints its ports as one
 * JSON line when listening.
 *
 *   node --import tsx bench/proxy/origin.ts <work dir>
 */
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

const dir = process.argv[2];
if (dir === undefined) throw new Error('usage: origin.ts <work dir>');

// Read once: the origin must cost the same, and as little as possible, for every proxy.
const pages = new Map<string, Buffer>([
  ['/small', readFileSync(join(dir, 'small.html'))],
  ['/page50k', readFileSync(join(dir, 'page50k.html'))],
  ['/blocked', readFileSync(join(dir, 'origin-blocked.html'))],
  ['/phrases', readFileSync(join(dir, 'phrases.html'))],
]);
const notFound = Buffer.from('not found\n');

function serve(req: IncomingMessage, res: ServerResponse): void {
  const body = pages.get(req.url ?? '');
  // no-store: squid must not answer from its cache (e2guardian and Schoolgate have none).
  res.writeHead(body === undefined ? 404 : 200, {
    'content-type': body === undefined ? 'text/plain' : 'text/html; charset=utf-8',
    'content-length': (body ?? notFound).length,
    'cache-control': 'no-store',
  });
  res.end(body ?? notFound);
}

const http = createServer({ keepAliveTimeout: 65_000 }, serve);
const https = createTlsServer(
  {
    key: readFileSync(join(dir, 'origin-key.pem')),
    cert: readFileSync(join(dir, 'origin-cert.pem')),
    keepAliveTimeout: 65_000,
  },
  serve,
);
const listen = (server: typeof http | typeof https, port: number) =>
  new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', 1024, () => resolve((server.address() as AddressInfo).port));
  });
const ports = {
  http: await listen(http, 0),
  https: await listen(https, 443).catch(() => listen(https, 0)),
};
process.stdout.write(`${JSON.stringify(ports)}\n`);
