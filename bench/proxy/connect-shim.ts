/**
 * Lets wrk (which cannot speak CONNECT) load a proxy's HTTPS path: every connection made to
 * this relay becomes a `CONNECT <target>` through the proxy, then bytes are piped both ways,
 * so wrk's TLS session runs inside the proxy's tunnel (inspected or not, as the proxy
 * chooses). One CONNECT per wrk connection, so with keep-alive the relay costs little but
 * byte copying. Prints its port as one JSON line when listening.
 *
 *   node --import tsx bench/proxy/connect-shim.ts <proxy port> <target host:port>
 */
import { type AddressInfo, connect, createServer, type Socket } from 'node:net';

const [proxyPort, target] = [Number(process.argv[2]), process.argv[3]];
if (!Number.isInteger(proxyPort) || target === undefined)
  throw new Error('usage: connect-shim.ts <proxy port> <target host:port>');

function relay(client: Socket): void {
  client.pause();
  const upstream = connect(proxyPort, '127.0.0.1');
  const fail = () => {
    client.destroy();
    upstream.destroy();
  };
  client.on('error', fail);
  upstream.on('error', fail);
  upstream.setNoDelay(true);
  client.setNoDelay(true);
  upstream.write(`CONNECT ${target} HTTP/1.1\r\nHost: ${target}\r\n\r\n`);
  let head = Buffer.alloc(0);
  const onData = (chunk: Buffer) => {
    head = Buffer.concat([head, chunk]);
    const end = head.indexOf('\r\n\r\n');
    if (end === -1) return;
    upstream.off('data', onData);
    if (!/^HTTP\/1\.[01] 200/.test(head.subarray(0, 12).toString('latin1'))) return fail();
    // Bytes after the proxy's reply already belong to the TLS stream.
    const rest = head.subarray(end + 4);
    if (rest.length > 0) client.write(rest);
    upstream.pipe(client);
    client.pipe(upstream);
    client.resume();
  };
  upstream.on('data', onData);
  upstream.on('close', () => client.destroy());
  client.on('close', () => upstream.destroy());
}

const server = createServer(relay);
server.listen(0, '127.0.0.1', 1024, () =>
  process.stdout.write(`${JSON.stringify({ port: (server.address() as AddressInfo).port })}\n`),
);
