import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { EventArchivesTable } from '../../store/schema.js';
import { StoreError } from '../../store/store-error.js';
import { ArchiveLayout } from './archive-layout.js';
import { DurableFile } from './durable-file.js';

/** One archived day as the manifest lists it. */
export interface ArchiveManifestEntry {
  /** UTC day, `YYYY-MM-DD`. */
  readonly day: string;
  /** The file, relative to the archive folder (`events/2025/2025-11-24.ndjson.gz`). */
  readonly file: string;
  /** Events (lines) in the file. */
  readonly events: number;
  /** SHA-256 of the file's bytes (the compressed file), lower-case hex. */
  readonly sha256: string;
  /** When the file was written, ISO 8601 UTC. */
  readonly created: string;
}

/**
 * `events/manifest.json`: every archive file that exists, oldest day first, with its
 * checksum. It lets archives be searched, verified and restored with no database at all
 * (after a disaster, or on another machine). It is a copy of the live `event_archives` rows,
 * rewritten atomically after each change; the database is the record, so a manifest lost or
 * left stale by a crash is rebuilt by the next retention run.
 *
 * ```json
 * { "format": "schoolgate-event-archives", "version": 1,
 *   "days": [{ "day": "2025-11-24", "file": "events/2025/2025-11-24.ndjson.gz",
 *              "events": 48213, "sha256": "9f2c...", "created": "2026-11-25T02:30:04.120Z" }] }
 * ```
 */
export interface ArchiveManifest {
  readonly format: 'schoolgate-event-archives';
  readonly version: 1;
  readonly days: readonly ArchiveManifestEntry[];
}

const FORMAT = 'schoolgate-event-archives';

/**
 * Reads and writes the manifest.
 *
 * ### Examples
 * ```ts
 * const { days } = ArchiveManifest.read(archiveDir);
 * await ArchiveManifest.write(archiveDir, liveRows, runId);
 * ```
 */
export const ArchiveManifest = Object.freeze({
  /**
   * The manifest under `archiveDir`, or an empty one when there is none yet. Throws
   * `SG_ERR_ARCHIVE_DAMAGED` naming the manifest when it cannot be read.
   */
  read(archiveDir: string): ArchiveManifest {
    const path = ArchiveLayout.resolve(archiveDir, ArchiveLayout.MANIFEST);
    if (!existsSync(path)) return { format: FORMAT, version: 1, days: [] };
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(path, 'utf8'));
    } catch (error) {
      throw StoreError.create('SG_ERR_ARCHIVE_DAMAGED', path, (error as Error).message);
    }
    const manifest = (
      typeof parsed === 'object' && parsed !== null ? parsed : {}
    ) as Partial<ArchiveManifest>;
    if (manifest.format !== FORMAT || manifest.version !== 1 || !Array.isArray(manifest.days)) {
      throw StoreError.create('SG_ERR_ARCHIVE_DAMAGED', path, `not a version 1 ${FORMAT} manifest`);
    }
    for (const entry of manifest.days) {
      if (!isEntry(entry)) {
        throw StoreError.create(
          'SG_ERR_ARCHIVE_DAMAGED',
          path,
          `bad entry ${JSON.stringify(entry)}`,
        );
      }
    }
    return manifest as ArchiveManifest;
  },

  /** Rewrites the manifest atomically from the archive rows whose files still exist. */
  async write(
    archiveDir: string,
    rows: readonly EventArchivesTable[],
    tempSuffix: string,
  ): Promise<void> {
    const days = rows
      .filter((r) => r.deleted_ms === null)
      .map(
        (r): ArchiveManifestEntry => ({
          day: r.day,
          file: r.file,
          events: Number(r.events),
          sha256: r.sha256,
          created: new Date(Number(r.created_ms)).toISOString(),
        }),
      )
      .sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
    const manifest: ArchiveManifest = { format: FORMAT, version: 1, days };
    const path = ArchiveLayout.resolve(archiveDir, ArchiveLayout.MANIFEST);
    mkdirSync(dirname(path), { recursive: true });
    await DurableFile.writeText(path, `${JSON.stringify(manifest, null, 1)}\n`, tempSuffix);
  },
});

function isEntry(value: unknown): value is ArchiveManifestEntry {
  const e = value as Partial<ArchiveManifestEntry> | null;
  return (
    e !== null &&
    typeof e === 'object' &&
    typeof e.day === 'string' &&
    /^\d{4}-\d{2}-\d{2}$/.test(e.day) &&
    typeof e.file === 'string' &&
    !e.file.split('/').includes('..') &&
    typeof e.events === 'number' &&
    typeof e.sha256 === 'string' &&
    /^[0-9a-f]{64}$/.test(e.sha256) &&
    typeof e.created === 'string'
  );
}
