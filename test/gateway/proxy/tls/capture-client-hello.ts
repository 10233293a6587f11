/**
 * Captures the first TLS record a real client sends: a plain `net` server on 127.0.0.1 reads
 * until the record header's length is satisfied (worked out here, independently of the
 * parser under test), then drops the connection. The client is started by `connect(port)`
 * and is expected to fail once the server hangs up.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { type AddressInfo, createServer, type Socket } from 'node:net';
import { type ConnectionOptions, connect as tlsConnect } from 'node:tls';

/** Starts `connect(port)` against a fresh listener and resolves with the bytes captured. */
export async function captureClientHello(
  connect: (port: number) => { stop(): void },
): Promise<Uint8Array> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  let client: { stop(): void } | undefined;
  try {
    const captured = new Promise<Uint8Array>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no ClientHello within 10 s')), 10_000);
      server.once('connection', (socket: Socket) => {
        let buffered = Buffer.alloc(0);
        socket.on('error', () => {});
        socket.on('data', (chunk: Buffer) => {
          buffered = Buffer.concat([buffered, chunk]);
          if (buffered.length < 5) return;
          const want = 5 + buffered.readUInt16BE(3);
          if (buffered.length < want) return;
          clearTimeout(timer);
          socket.destroy();
          resolve(new Uint8Array(buffered.subarray(0, want)));
        });
      });
    });
    client = connect(port);
    return await captured;
  } finally {
    client?.stop();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

/** A Node.js TLS client with the given options. */
export function nodeClient(options: ConnectionOptions): (port: number) => { stop(): void } {
  return (port) => {
    const socket = tlsConnect({ host: '127.0.0.1', port, ...options });
    socket.on('error', () => {});
    return { stop: () => socket.destroy() };
  };
}

/** A child process (openssl, curl) started with `args`, where `{PORT}` is replaced. */
export function processClient(command: string, args: string[]): (port: number) => { stop(): void } {
  return (port) => {
    const child: ChildProcess = spawn(
      command,
      args.map((a) => a.replaceAll('{PORT}', String(port))),
      { stdio: ['pipe', 'ignore', 'ignore'] },
    );
    child.on('error', () => {});
    return { stop: () => child.kill() };
  };
}
