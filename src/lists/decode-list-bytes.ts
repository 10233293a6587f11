import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import type { ListEncoding } from './loaded-list.js';

const gunzipAsync = promisify(gunzip);
const UTF8 = new TextDecoder('utf-8', { fatal: true });
const WINDOWS_1252 = new TextDecoder('windows-1252');

/**
 * Turns a list file's bytes into text: gunzips when the bytes start with the gzip magic
 * number (whatever the file is called), then decodes as UTF-8, falling back to
 * windows-1252 (which maps every byte) when the bytes are not valid UTF-8, as older
 * European lists are. Rejects with a message naming `label` when the gzip data is corrupt.
 *
 * ### Examples
 * ```ts
 * const { text, encoding, gzipped } = await decodeListBytes(await readFile(path), path);
 * ```
 */
export async function decodeListBytes(
  bytes: Uint8Array,
  label: string,
): Promise<{ text: string; encoding: ListEncoding; gzipped: boolean }> {
  const gzipped = bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
  let plain: Uint8Array = bytes;
  if (gzipped) {
    try {
      plain = await gunzipAsync(bytes);
    } catch (error) {
      throw new Error(`${label}: gzip data is corrupt or truncated (${(error as Error).message})`, {
        cause: error,
      });
    }
  }
  try {
    return { text: UTF8.decode(plain), encoding: 'utf-8', gzipped };
  } catch {
    return { text: WINDOWS_1252.decode(plain), encoding: 'windows-1252', gzipped };
  }
}
