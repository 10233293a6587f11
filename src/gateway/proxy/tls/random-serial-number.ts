import { randomBytes } from 'node:crypto';

/**
 * A random 16-byte certificate serial number as hex. The top bit is cleared (DER INTEGERs are
 * signed, and serials must be positive) and the next one set, so the value keeps exactly 16
 * bytes with no leading zero byte to strip: 126 random bits, well above CA/B's 64.
 */
export function randomSerialNumber(): string {
  const bytes = randomBytes(16);
  bytes[0] = (bytes[0]! & 0x7f) | 0x40;
  return bytes.toString('hex');
}
