/**
 * The event store's error codes. Stable: a code is never renamed or reused. `docs/errors.md`
 * has a row for each (checked by a test).
 */
export const STORE_ERROR_CODES = {
  SG_ERR_STORE_URL: 'database.url %s is not understood: %s',
  SG_ERR_STORE_NEWER:
    'the database was set up by a newer Schoolgate (it has migration %s, which this version does not know); upgrade Schoolgate or restore a backup made by this version',
  SG_ERR_STORE_UNAVAILABLE: 'the database %s cannot be reached: %s',
  SG_ERR_STORE_MIGRATION: 'migration %s failed: %s',
  SG_ERR_HOLD_NOT_FOUND: 'legal hold %s does not exist',
  SG_ERR_HOLD_RELEASED: 'legal hold %s was already released',
  SG_ERR_AUDIT_INPUT: 'audit entry is invalid: %s',
  SG_ERR_ARCHIVE_DAMAGED: 'archive %s is damaged: %s',
} as const;

export type StoreErrorCode = keyof typeof STORE_ERROR_CODES;

/**
 * An error the store throws when it cannot do what was asked at all (a database it cannot
 * reach or must not touch, a hold that does not exist). Never carries a password: URLs are
 * shown through `describeDatabaseUrl`.
 *
 * ### Examples
 * ```ts
 * throw StoreError.create('SG_ERR_STORE_NEWER', '0003-alerts');
 * if (StoreError.is(err, 'SG_ERR_STORE_UNAVAILABLE')) retryLater();
 * ```
 */
export class StoreError extends Error {
  readonly code: StoreErrorCode;

  private constructor(code: StoreErrorCode, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'StoreError';
    this.code = code;
  }

  /** Builds the error for `code`, filling each `%s` of its message with the next argument. */
  static create(code: StoreErrorCode, ...args: unknown[]): StoreError {
    let next = 0;
    const message = STORE_ERROR_CODES[code].replace(/%s/g, () => String(args[next++]));
    return new StoreError(code, message);
  }

  /** True when `error` is a StoreError, with the given code if one is named. */
  static is(error: unknown, code?: StoreErrorCode): error is StoreError {
    return error instanceof StoreError && (code === undefined || error.code === code);
  }
}
