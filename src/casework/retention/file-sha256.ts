import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';

/**
 * The SHA-256 of a file's bytes, lower-case hex, read in 1 MiB pieces.
 *
 * ### Examples
 * ```ts
 * if ((await fileSha256(path)) !== entry.sha256) throw damaged(path);
 * ```
 */
export async function fileSha256(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) {
    hash.update(chunk as Buffer);
  }
  return hash.digest('hex');
}
