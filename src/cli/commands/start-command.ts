import { startGateway } from '../../gateway/proxy/start-gateway.js';

/**
 * `schoolgate start`: the web gateway on the configured port (3128 by default), with the
 * built-in config when none is given. SIGHUP reloads lists and policy; SIGINT and SIGTERM
 * stop accepting, let open exchanges finish, then exit.
 */
export async function startCommand(options: { config?: string; port?: string }): Promise<void> {
  const port = options.port === undefined ? undefined : Number(options.port);
  if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65535)) {
    throw new Error(`--port: '${options.port}' is not a port number`);
  }
  const gateway = await startGateway({ config: options.config, port });
  const { address, port: bound } = gateway.address;
  process.stdout.write(
    `Schoolgate is running. Point browsers at the proxy ${address}:${bound} (or the PAC file http://<this host>:${bound}/proxy.pac).\n` +
      `The school certificate to install on devices: http://<this host>:${bound}/ca\n`,
  );
  const stop = (signal: string) => {
    process.stderr.write(`${signal}: finishing open requests, then stopping\n`);
    void gateway.close().then(() => process.exit(0));
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}
