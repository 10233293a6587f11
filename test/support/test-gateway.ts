/**
 * Scaffolding shared by the gateway tests: local origins on 127.0.0.1 (a port chosen at run
 * time) and a gateway started in-process from a config file, quietly, on a free port.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type RunningGateway, startGateway } from '../../src/gateway/proxy/start-gateway.js';

/** Listens on 127.0.0.1 at a free port and returns the port. */
export function listenOnLoopback(server: Server): Promise<number> {
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)),
  );
}

/** A local origin on 127.0.0.1 (a free port) answering every request `200` with `body`. */
export interface TextOrigin {
  readonly server: Server;
  readonly port: number;
}

/** Starts an origin that answers every request `200` with `body` as text/plain. */
export async function startTextOrigin(body: string): Promise<TextOrigin> {
  const server = createServer((_req, res) =>
    res.writeHead(200, { 'content-type': 'text/plain' }).end(body),
  );
  return { server, port: await listenOnLoopback(server) };
}

/** Closes a test server and every connection it still has (keep-alive would hold it open). */
export function stopServer(server: Server): void {
  server.closeAllConnections();
  server.close();
}

/**
 * The gateway for `config` on 127.0.0.1 at a free port, logging nothing. A second gateway on
 * the same data folder (another process, in production) needs its own `spoolName`.
 */
export function startTestGateway(config: string, spoolName?: string): Promise<RunningGateway> {
  return startGateway({
    config,
    port: 0,
    host: '127.0.0.1',
    log: () => {},
    ...(spoolName === undefined ? {} : { spoolName }),
  });
}
