import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { LoadedConfig } from '../../config/load-config.js';
import { dataDir } from '../../lists/compile-sources.js';
import { loadOrCreateLinkSecret } from '../proxy/link-secret.js';
import { loadOrCreateSchoolCa } from '../proxy/tls/school-ca.js';

/**
 * Creates, in the primary and before any worker starts, the files `startGateway` makes on
 * first start: the school CA and the link-signing secret. Workers starting together would
 * otherwise each make their own, and the last to write would win on disk while the others
 * kept signing with a CA no device trusts and links no other worker accepts.
 *
 * ### Examples
 * ```ts
 * await prepareSharedFiles(loadConfig('schoolgate.yaml'), console.error);
 * ```
 */
export async function prepareSharedFiles(
  loaded: LoadedConfig,
  log: (message: string) => void,
): Promise<void> {
  const folder = dataDir(loaded);
  mkdirSync(folder, { recursive: true });
  const { config } = loaded;
  if (config.gateway.inspection.enabled) {
    const ca = await loadOrCreateSchoolCa({
      dir: join(folder, 'ca'),
      schoolName: config.school.name,
      now: () => new Date(),
    });
    if (ca.created)
      log(
        `created the school CA in ${join(folder, 'ca')}: devices must install its certificate (see /ca)`,
      );
  }
  loadOrCreateLinkSecret(folder);
}
