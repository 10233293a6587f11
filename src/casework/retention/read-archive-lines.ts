import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { createGunzip } from 'node:zlib';

/** One line of an archive file, numbered from 1 as an editor would. */
export interface ArchiveLine {
  readonly text: string;
  readonly line: number;
}

/** The lines of a gzip archive, and the SHA-256 of its bytes once they have all been read. */
export interface ArchiveLineReader {
  readonly lines: AsyncIterable<ArchiveLine>;
  /** The file's SHA-256 (hex); only meaningful after `lines` has been read to the end. */
  sha256(): string;
}

/**
 * Streams the lines of a `.ndjson.gz` archive without holding the file in memory (a busy
 * day is millions of lines), hashing the compressed bytes on the way so a caller reading the
 * whole file can check it against the manifest without a second pass. A truncated or
 * corrupted gzip stream makes the iteration throw (gzip's own CRC and length check).
 *
 * ### Examples
 * ```ts
 * const reader = readArchiveLines(file);
 * for await (const { text, line } of reader.lines) handle(text, line);
 * if (reader.sha256() !== entry.sha256) throw damaged(file);
 * ```
 */
export function readArchiveLines(path: string): ArchiveLineReader {
  const hash = createHash('sha256');
  let digest: string | undefined;
  async function* lines(): AsyncGenerator<ArchiveLine> {
    const source = createReadStream(path, { highWaterMark: 1 << 20 });
    const gunzip = createGunzip();
    source.on('data', (chunk) => hash.update(chunk));
    source.on('error', (error) => gunzip.destroy(error));
    source.pipe(gunzip);
    gunzip.setEncoding('utf8');
    let rest = '';
    let line = 0;
    try {
      for await (const chunk of gunzip as AsyncIterable<string>) {
        const text = rest + chunk;
        let start = 0;
        for (let end = text.indexOf('\n'); end !== -1; end = text.indexOf('\n', start)) {
          line += 1;
          yield { text: text.slice(start, end), line };
          start = end + 1;
        }
        rest = text.slice(start);
      }
      if (rest !== '') {
        line += 1;
        yield { text: rest, line };
      }
      digest = hash.digest('hex');
    } finally {
      source.destroy();
      gunzip.destroy();
    }
  }
  return {
    lines: lines(),
    sha256() {
      if (digest === undefined) throw new Error(`${path} has not been read to the end`);
      return digest;
    },
  };
}
