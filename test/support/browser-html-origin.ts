/**
 * A local HTTPS origin for browser tests: it answers every path with a small HTML page
 * naming the host and path, and remembers each request (host and path with query), so a
 * test can tell what reached "the internet" through the gateway.
 */
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';

export interface HtmlOrigin {
  readonly server: Server;
  readonly port: number;
  /** `host:port/path?query` of every request that reached the origin, in order. */
  readonly seen: string[];
  /** Stops listening and drops keep-alive connections, so the test process can exit. */
  close(): Promise<void>;
}

const escapeText = (text: string) => text.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

/** Starts an HTTPS origin on 127.0.0.1 (a free port) with the given key and certificate. */
export async function startHtmlOrigin(tls: { key: string; cert: string }): Promise<HtmlOrigin> {
  const seen: string[] = [];
  const server = createServer(tls, (req, res) => {
    const where = `${req.headers.host ?? ''}${req.url ?? ''}`;
    seen.push(where);
    req.resume();
    if (req.url === '/favicon.ico') {
      res.writeHead(404).end();
      return;
    }
    const host = (req.headers.host ?? '').replace(/:\d+$/, '');
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Origin page: ${escapeText(host)}</title></head>
<body style="font-family: sans-serif; margin: 2em">
<h1 id="greeting">Hello from ${escapeText(host)}</h1>
<p id="path">You asked for <code>${escapeText(req.url ?? '')}</code>.</p>
</body></html>
`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    server,
    port: (server.address() as AddressInfo).port,
    seen,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
