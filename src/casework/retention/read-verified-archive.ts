import { existsSync } from 'node:fs';
import { StoreError } from '../../store/store-error.js';
import { ArchiveLayout } from './archive-layout.js';
import type { ArchiveManifestEntry } from './archive-manifest.js';
import { fileSha256 } from './file-sha256.js';
import { type ArchiveLine, readArchiveLines } from './read-archive-lines.js';

/**
 * The lines of one archive after checking the whole file against its manifest checksum, so
 * nothing is read from a file that was changed or cut short. Throws `SG_ERR_ARCHIVE_DAMAGED`
 * naming the file when it is missing, its SHA-256 differs, or it does not decompress.
 *
 * ### Examples
 * ```ts
 * for await (const { text, line } of readVerifiedArchive(archiveDir, entry)) handle(text, line);
 * ```
 */
export async function* readVerifiedArchive(
  archiveDir: string,
  entry: ArchiveManifestEntry,
): AsyncGenerator<ArchiveLine> {
  const path = ArchiveLayout.resolve(archiveDir, entry.file);
  if (!existsSync(path))
    throw StoreError.create('SG_ERR_ARCHIVE_DAMAGED', path, 'the file is missing');
  const sha256 = await fileSha256(path);
  if (sha256 !== entry.sha256) {
    throw StoreError.create(
      'SG_ERR_ARCHIVE_DAMAGED',
      path,
      `its SHA-256 is ${sha256}, the manifest says ${entry.sha256}`,
    );
  }
  try {
    yield* readArchiveLines(path).lines;
  } catch (error) {
    if (StoreError.is(error)) throw error;
    throw StoreError.create('SG_ERR_ARCHIVE_DAMAGED', path, (error as Error).message);
  }
}
