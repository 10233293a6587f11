import type { SchoolCa } from './school-ca.js';

/** The school CA's public parts, read afresh on each use. */
export interface CaPublicParts {
  readonly certificatePem: string;
  readonly certificateDer: Uint8Array;
  readonly fingerprintSha256: string;
  readonly notAfter: Date;
}

/**
 * A view of whichever CA `current` returns at the moment of each read, so that pages made
 * once at start (the /ca install page, the downloads) follow a CA renewed in the console.
 *
 * ### Examples
 * ```ts
 * createLocalRoutes({ ..., ca: currentCaView(() => ca) });
 * ```
 */
export function currentCaView(current: () => SchoolCa): CaPublicParts {
  return {
    get certificatePem() {
      return current().certificatePem;
    },
    get certificateDer() {
      return current().certificateDer;
    },
    get fingerprintSha256() {
      return current().fingerprintSha256;
    },
    get notAfter() {
      return current().notAfter;
    },
  };
}
