/** The problem codes the API answers with (`API.md`), each with its HTTP status. */
export const PROBLEMS = {
  unauthenticated: 401,
  'sign-in-failed': 401,
  'totp-required': 401,
  'totp-setup-required': 403,
  locked: 423,
  forbidden: 403,
  csrf: 403,
  'not-found': 404,
  invalid: 400,
  conflict: 409,
  unavailable: 503,
  internal: 500,
} as const;

export type ProblemCode = keyof typeof PROBLEMS;

/** One field that failed validation. */
export interface FieldError {
  readonly path: string;
  readonly message: string;
}

/**
 * An error a route throws to answer with `application/problem+json` (RFC 9457): what
 * happened (`title`) and what to do about it (`detail`), never a stack trace.
 */
export class Problem extends Error {
  override readonly name = 'Problem';
  constructor(
    readonly code: ProblemCode,
    readonly title: string,
    readonly detail: string,
    readonly extra: { errors?: readonly FieldError[]; retryAfterSeconds?: number } = {},
  ) {
    super(`${code}: ${detail}`);
  }

  get status(): number {
    return PROBLEMS[this.code];
  }

  body(instance: string): Record<string, unknown> {
    return {
      type: `https://schoolgate.example/problems/${this.code}`,
      title: this.title,
      status: this.status,
      detail: this.detail,
      instance,
      ...this.extra,
    };
  }
}
