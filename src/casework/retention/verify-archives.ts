import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { StoreError } from '../../store/store-error.js';
import { ArchiveLayout } from './archive-layout.js';
import { ArchiveManifest } from './archive-manifest.js';
import { readVerifiedArchive } from './read-verified-archive.js';

/** One archive that failed a check. */
export interface ArchiveProblem {
  readonly day: string;
  readonly file: string;
  readonly problem: string;
}

/** What `verifyArchives` found. */
export interface ArchiveVerification {
  /** Archives the manifest lists. */
  readonly checked: number;
  /** Events in the archives that passed. */
  readonly events: number;
  readonly damaged: readonly ArchiveProblem[];
  /** Archive files present but not in the manifest (relative paths). */
  readonly unlisted: readonly string[];
}

/**
 * Checks every archive the manifest lists: the file exists, its SHA-256 is the manifest's,
 * it decompresses, and it has as many lines as the manifest says, each of them JSON. Files in
 * the folder that the manifest does not list are reported too. Needs no database.
 *
 * ### Examples
 * ```ts
 * const { damaged } = await verifyArchives(archiveDir);
 * if (damaged.length > 0) alertItStaff(damaged);
 * ```
 */
export async function verifyArchives(
  archiveDir: string,
  onProgress?: (done: number, total: number) => void,
): Promise<ArchiveVerification> {
  const { days } = ArchiveManifest.read(archiveDir);
  const damaged: ArchiveProblem[] = [];
  let events = 0;
  onProgress?.(0, days.length);
  for (let i = 0; i < days.length; i++) {
    const entry = days[i]!;
    let lines = 0;
    let problem: string | null = null;
    try {
      for await (const { text, line } of readVerifiedArchive(archiveDir, entry)) {
        lines += 1;
        if (problem === null && !isJsonObject(text)) problem = `line ${line} is not a JSON event`;
      }
      if (problem === null && lines !== entry.events) {
        problem = `${lines} lines, the manifest says ${entry.events}`;
      }
    } catch (error) {
      if (!StoreError.is(error, 'SG_ERR_ARCHIVE_DAMAGED')) throw error;
      problem = error.message;
    }
    if (problem === null) events += lines;
    else damaged.push({ day: entry.day, file: entry.file, problem });
    onProgress?.(i + 1, days.length);
  }
  const listed = new Set(days.map((d) => d.file));
  const unlisted = archiveFiles(archiveDir).filter((f) => !listed.has(f));
  return { checked: days.length, events, damaged, unlisted };
}

function isJsonObject(text: string): boolean {
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' && !Array.isArray(value);
  } catch {
    return false;
  }
}

/** Every `events/YYYY/*.ndjson.gz` under the archive folder, relative. */
function archiveFiles(archiveDir: string): string[] {
  const eventsDir = ArchiveLayout.resolve(archiveDir, ArchiveLayout.EVENTS);
  if (!existsSync(eventsDir)) return [];
  const files: string[] = [];
  for (const year of readdirSync(eventsDir, { withFileTypes: true })) {
    if (!year.isDirectory()) continue;
    for (const name of readdirSync(join(eventsDir, year.name))) {
      if (name.endsWith('.ndjson.gz')) files.push(`${ArchiveLayout.EVENTS}/${year.name}/${name}`);
    }
  }
  return files.sort();
}
