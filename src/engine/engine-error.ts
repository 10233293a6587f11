/**
 * The engine's error codes. Stable: a code is never renamed or reused; retired codes stay
 * listed. `docs/errors.md` has a row for each (checked by a test).
 */
export const ENGINE_ERROR_CODES = {
  SG_ERR_INDEX_MAGIC: 'not a Schoolgate category index (bad magic number)',
  SG_ERR_INDEX_VERSION: 'category index format version %s is not supported (expected %s)',
  SG_ERR_INDEX_CORRUPT: 'category index is damaged: %s',
  SG_ERR_INDEX_LIMIT: 'category index limit exceeded: %s',
  SG_ERR_PHRASE_LIST: 'phrase list %s cannot be used: %s',
  SG_ERR_POLICY_INVALID: 'policy is invalid: %s',
} as const;

export type EngineErrorCode = keyof typeof ENGINE_ERROR_CODES;

/**
 * An error the engine throws on input it cannot work with at all (a damaged index file, an
 * impossible policy). Per-line problems in lists are reported, not thrown.
 *
 * ### Examples
 * ```ts
 * throw EngineError.create('SG_ERR_INDEX_VERSION', 3, 2);
 * if (EngineError.is(err, 'SG_ERR_INDEX_VERSION')) rebuild();
 * ```
 */
export class EngineError extends Error {
  readonly code: EngineErrorCode;

  private constructor(code: EngineErrorCode, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'EngineError';
    this.code = code;
  }

  /** Builds the error for `code`, filling each `%s` of its message with the next argument. */
  static create(code: EngineErrorCode, ...args: unknown[]): EngineError {
    let next = 0;
    const message = ENGINE_ERROR_CODES[code].replace(/%s/g, () => String(args[next++]));
    return new EngineError(code, message);
  }

  /** True when `error` is an EngineError, with the given code if one is named. */
  static is(error: unknown, code?: EngineErrorCode): error is EngineError {
    return error instanceof EngineError && (code === undefined || error.code === code);
  }
}
