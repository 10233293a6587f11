/**
 * Debian's Chromium driven by playwright-core, browsing through a proxy with a CA trusted
 * the way a Linux desktop trusts one: in the NSS database under `$HOME/.pki/nssdb`. No
 * `--ignore-certificate-errors`: a page only loads if the certificate chain really verifies.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type BrowserContext, chromium } from 'playwright-core';

/** Where Debian's `chromium` package puts the browser; tests skip when it is absent. */
export const CHROMIUM_PATH = '/usr/bin/chromium';

export interface ChromiumThroughProxyOptions {
  /** A scratch folder of the test's own: the browser's HOME and profile go inside it. */
  readonly dir: string;
  /** The forward proxy, as `host:port` on plain HTTP. */
  readonly proxy: string;
  /** PEM of the CA to trust for TLS server certificates (`C,,`). */
  readonly caPem: string;
}

/**
 * Starts headless Chromium with a fresh profile, every request (loopback names included)
 * sent to `proxy`, and `caPem` added to a new NSS database in a temporary HOME.
 * Close the returned context to stop the browser.
 */
export async function launchChromiumThroughProxy(
  options: ChromiumThroughProxyOptions,
): Promise<BrowserContext> {
  const home = join(options.dir, 'home');
  const nssdb = join(home, '.pki', 'nssdb');
  mkdirSync(nssdb, { recursive: true });
  const caFile = join(options.dir, 'trusted-ca.pem');
  writeFileSync(caFile, options.caPem);
  const certutil = (args: string[]) => execFileSync('certutil', args, { stdio: 'pipe' });
  certutil(['-N', '--empty-password', '-d', `sql:${nssdb}`]);
  certutil(['-A', '-t', 'C,,', '-n', 'schoolgate', '-i', caFile, '-d', `sql:${nssdb}`]);

  // Playwright refuses `--user-data-dir` in args: a persistent context is how it takes one.
  return chromium.launchPersistentContext(join(options.dir, 'profile'), {
    executablePath: CHROMIUM_PATH,
    headless: true,
    env: { ...process.env, HOME: home },
    viewport: { width: 1000, height: 900 },
    args: [
      `--proxy-server=http://${options.proxy}`,
      // Chromium bypasses the proxy for loopback by default; `<-loopback>` removes that rule.
      '--proxy-bypass-list=<-loopback>',
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      // QUIC would go straight to UDP 443, around an HTTP proxy: schools close it too.
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}
