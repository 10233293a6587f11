import { gunzipSync } from 'node:zlib';

/**
 * Reads the regular files of a `.tar.gz` into memory (ustar headers; enough for the
 * e2guardian list tarball the phrase tests read). Test helper, not product code.
 */
export function readTarGz(gz: Uint8Array): Map<string, Uint8Array> {
  const tar = gunzipSync(gz);
  const files = new Map<string, Uint8Array>();
  const text = (start: number, length: number): string => {
    const field = tar.subarray(start, start + length);
    const nul = field.indexOf(0);
    return Buffer.from(nul < 0 ? field : field.subarray(0, nul)).toString('utf8');
  };
  let offset = 0;
  while (offset + 512 <= tar.length) {
    const name = text(offset, 100);
    if (name.length === 0) break;
    const size = Number.parseInt(text(offset + 124, 12).trim() || '0', 8);
    const type = text(offset + 156, 1);
    const prefix = text(offset + 345, 155);
    const path = prefix.length > 0 ? `${prefix}/${name}` : name;
    if (type === '0' || type === '')
      files.set(path, tar.subarray(offset + 512, offset + 512 + size));
    offset += 512 + Math.ceil(size / 512) * 512;
  }
  return files;
}
