/**
 * A real HTTPS server on 127.0.0.1 (a port chosen at run time) serving list feeds, with a
 * self-signed certificate made by openssl for the test, and a record of the requests it got.
 * The test that starts it stops it.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

export interface FeedServer {
  readonly origin: string;
  /** PEM file of the server's certificate, for NODE_EXTRA_CA_CERTS. */
  readonly caFile: string;
  /** Path -> body (or a status code to fail with). Change it between requests. */
  readonly routes: Map<string, string | number>;
  readonly requests: { path: string; ifNoneMatch: string | undefined }[];
  close(): Promise<void>;
}

export async function startFeedServer(dir: string): Promise<FeedServer> {
  const key = join(dir, 'feed-key.pem');
  const cert = join(dir, 'feed-cert.pem');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-keyout',
      key,
      '-out',
      cert,
      '-days',
      '1',
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
    ],
    { stdio: 'ignore' },
  );
  const routes = new Map<string, string | number>();
  const requests: FeedServer['requests'] = [];
  const server: Server = createServer(
    { key: readFileSync(key), cert: readFileSync(cert) },
    (req, res) => {
      const path = req.url ?? '/';
      const ifNoneMatch = req.headers['if-none-match'];
      requests.push({ path, ifNoneMatch });
      const body = routes.get(path);
      if (body === undefined || typeof body === 'number') {
        res.writeHead(typeof body === 'number' ? body : 404).end();
        return;
      }
      const etag = `"${createHash('sha256').update(body).digest('hex').slice(0, 16)}"`;
      if (ifNoneMatch === etag) {
        res.writeHead(304, { etag }).end();
        return;
      }
      res.writeHead(200, { etag, 'content-type': 'text/plain' }).end(body);
    },
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `https://127.0.0.1:${port}`,
    caFile: cert,
    routes,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
