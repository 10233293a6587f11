import type { Socket } from 'node:net';
import { TLSSocket } from 'node:tls';
import type { LeafCertificateCache } from './leaf-certificate-cache.js';

/**
 * Terminates the client's TLS on an established CONNECT tunnel, so the proxy can read the
 * requests inside: the bytes already read while peeking at the ClientHello are put back,
 * and the returned server-side `TLSSocket` answers with a leaf for the client's SNI (from
 * `certificates`), or for `hostname` when the client sent no SNI. Only `http/1.1` is
 * offered by ALPN: a client that offers h2 alone fails the handshake rather than getting a
 * protocol the proxy does not inspect.
 *
 * Call it after writing `200 Connection Established`, once the peek has stopped reading:
 * remove the `data` listener used for the peek first, or it would see the hello twice.
 * The handshake is not awaited: listen for `secure` (or hand the socket to an
 * `http.Server` with `server.emit('connection', tls)`) and for `error`. A handshake that
 * has not finished after `handshakeTimeoutMs` destroys the socket. Rejects when no
 * certificate can be made for `hostname` (`SG_ERR_LEAF_HOSTNAME`).
 *
 * ### Examples
 * ```ts
 * const hello = parseClientHello(peeked);
 * if (hello.kind !== 'tls') return socket.destroy();
 * socket.removeListener('data', onPeek);
 * const tls = await createInspectionSocket({ socket, clientHello: peeked,
 *   hostname: hello.sni ?? connectHost, certificates });
 * innerHttpServer.emit('connection', tls);
 * ```
 */
export async function createInspectionSocket(options: {
  /** The client's side of the CONNECT tunnel. */
  readonly socket: Socket;
  /** Every byte read from `socket` since the CONNECT response, in order. */
  readonly clientHello: Uint8Array;
  /** The name to certify when the client sends no SNI: normally the CONNECT host. */
  readonly hostname: string;
  readonly certificates: LeafCertificateCache;
  /** Default 10 s: a client that stalls mid-handshake must not hold a socket for ever. */
  readonly handshakeTimeoutMs?: number;
}): Promise<TLSSocket> {
  const { socket, certificates } = options;
  // Resolved before wrapping: it serves clients without SNI, and for those with one it
  // warms the cache entry the SNI callback is about to ask for (the peek already knows it).
  const defaultContext = await certificates.get(options.hostname);
  socket.pause();
  socket.unshift(Buffer.from(options.clientHello));
  const tls = new TLSSocket(socket, {
    isServer: true,
    secureContext: defaultContext,
    SNICallback: certificates.sniCallback,
    ALPNProtocols: ['http/1.1'],
  });
  const timer = setTimeout(() => {
    tls.destroy(new Error('TLS handshake timed out'));
  }, options.handshakeTimeoutMs ?? 10_000);
  timer.unref();
  const clear = () => clearTimeout(timer);
  tls.once('secure', clear);
  tls.once('close', clear);
  return tls;
}
