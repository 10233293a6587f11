import { randomBytes } from 'node:crypto';
import { argon2id, argon2Verify } from 'hash-wasm';

/**
 * argon2id cost parameters for new hashes: OWASP's Password Storage Cheat Sheet minimum
 * (19 MiB, 2 passes, 1 lane), with a random 16-byte salt and a 32-byte tag. Why the minimum
 * and not more: the gateway verifies on the request path (once per person per cache period,
 * see proxy-auth.ts) on a small school server, and one verification at these settings costs
 * about 50 ms of one core in hash-wasm's WebAssembly. Raise `memorySize` here when the
 * hardware allows; existing hashes keep their own parameters (they are in the PHC string),
 * so a change needs no migration.
 */
export const PASSWORD_HASH_PARAMS = Object.freeze({
  memorySize: 19_456,
  iterations: 2,
  parallelism: 1,
  hashLength: 32,
  saltLength: 16,
});

/**
 * Upper bounds on the parameters of a stored hash. A users file is configuration, and a
 * mistyped or hostile `m=4194304` would make every verification allocate 4 GiB. There is no
 * lower bound: OWASP also allows lighter-memory, more-pass settings.
 */
export const PASSWORD_HASH_LIMITS = Object.freeze({
  maxMemorySize: 262_144,
  maxIterations: 16,
  maxParallelism: 8,
});

const PHC =
  /^\$argon2id\$v=19\$m=(\d{1,7}),t=(\d{1,3}),p=(\d{1,2})\$([A-Za-z0-9+/]{11,64})\$([A-Za-z0-9+/]{16,128})$/;

/**
 * Checks that a string is an argon2id (v=19) PHC hash within `PASSWORD_HASH_LIMITS`. Returns
 * a message for the person editing the file, or null when it is fine. The message never
 * quotes the hash.
 */
export function checkPasswordHash(hash: string): string | null {
  const m = PHC.exec(hash);
  if (m === null) {
    return 'not an argon2id PHC string ($argon2id$v=19$m=...,t=...,p=...$salt$hash)';
  }
  const [memory, iterations, lanes] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const limits = PASSWORD_HASH_LIMITS;
  if (memory < 8 * lanes || memory > limits.maxMemorySize) {
    return `memory m=${memory} KiB is outside 8*p..${limits.maxMemorySize}`;
  }
  if (iterations < 1 || iterations > limits.maxIterations) {
    return `iterations t=${iterations} is outside 1..${limits.maxIterations}`;
  }
  if (lanes < 1 || lanes > limits.maxParallelism) {
    return `parallelism p=${lanes} is outside 1..${limits.maxParallelism}`;
  }
  return null;
}

/**
 * Hashes a password with argon2id at `PASSWORD_HASH_PARAMS`, returning the PHC string to
 * store. The password is NFC-normalised first, as `verifyPassword` and the header parser do,
 * so a password typed with a composed or a decomposed accent verifies either way.
 *
 * ### Examples
 * ```ts
 * const hash = await hashPassword('correct horse battery staple');
 * // '$argon2id$v=19$m=19456,t=2,p=1$<salt>$<tag>'
 * ```
 */
export async function hashPassword(password: string): Promise<string> {
  const p = PASSWORD_HASH_PARAMS;
  return argon2id({
    password: password.normalize('NFC'),
    salt: randomBytes(p.saltLength),
    iterations: p.iterations,
    parallelism: p.parallelism,
    memorySize: p.memorySize,
    hashLength: p.hashLength,
    outputType: 'encoded',
  });
}

/**
 * Verifies a password against a stored PHC hash. A hash that is not a well-formed argon2id
 * string within limits verifies as false (it is not thrown: the loader already reports bad
 * hashes, and a request must not crash on one).
 *
 * ### Examples
 * ```ts
 * await verifyPassword(hash, 'correct horse battery staple'); // true
 * await verifyPassword(hash, 'wrong');                         // false
 * ```
 */
export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  if (checkPasswordHash(hash) !== null) return false;
  try {
    return await argon2Verify({ hash, password: password.normalize('NFC') });
  } catch {
    return false;
  }
}
