/** One field the server refused, as `invalid` problems list them. */
export interface FieldError {
  readonly path: string;
  readonly message: string;
}

const PROBLEM_TYPE_PREFIX = 'https://schoolgate.example/problems/';

/**
 * A failed API call, in the words the page shows: what happened (`title`) and what to do
 * (`detail`), with the stable `code` from the problem's `type` for the UI to branch on
 * (`totp-required`, `locked`, `unauthenticated`...). Network failures and answers that are
 * not problem+json become problems too, so a page has one kind of error to show.
 *
 * ### Examples
 * ```ts
 * try { await api.acknowledge(id); }
 * catch (error) { if (error instanceof ApiProblem && error.code === 'conflict') reload(); }
 * ```
 */
export class ApiProblem extends Error {
  override readonly name = 'ApiProblem';
  readonly code: string;
  readonly title: string;
  readonly detail: string;
  /** The HTTP status; 0 when the server could not be reached. */
  readonly status: number;
  readonly errors: readonly FieldError[];
  /** Set on `locked`: how long until the account may sign in again. */
  readonly retryAfterSeconds: number | null;

  constructor(fields: {
    code: string;
    title: string;
    detail: string;
    status: number;
    errors?: readonly FieldError[];
    retryAfterSeconds?: number | null;
  }) {
    super(`${fields.code}: ${fields.detail}`);
    this.code = fields.code;
    this.title = fields.title;
    this.detail = fields.detail;
    this.status = fields.status;
    this.errors = fields.errors ?? [];
    this.retryAfterSeconds = fields.retryAfterSeconds ?? null;
  }

  /** The message for one field (`reason`, `caseRef`...), if the server named it. */
  fieldMessage(path: string): string | undefined {
    return this.errors.find((e) => e.path === path)?.message;
  }

  /** Reads a failed response: problem+json when the console sent it, else a generic problem. */
  static async fromResponse(response: Response): Promise<ApiProblem> {
    const body = await readJson(response);
    if (body !== null && typeof body['type'] === 'string') {
      const type = body['type'];
      return new ApiProblem({
        code: type.startsWith(PROBLEM_TYPE_PREFIX) ? type.slice(PROBLEM_TYPE_PREFIX.length) : type,
        title: stringOr(body['title'], `Request failed (HTTP ${response.status})`),
        detail: stringOr(body['detail'], 'Try again. If it keeps happening, tell IT.'),
        status: typeof body['status'] === 'number' ? body['status'] : response.status,
        errors: fieldErrors(body['errors']),
        retryAfterSeconds:
          typeof body['retryAfterSeconds'] === 'number' ? body['retryAfterSeconds'] : null,
      });
    }
    // A proxy's error page, or a console too old for this UI: say so plainly.
    return new ApiProblem({
      code: response.status >= 500 ? 'unavailable' : 'unexpected',
      title: `The console answered with an error (HTTP ${response.status})`,
      detail:
        response.status >= 500
          ? 'The server may be restarting. Wait a moment and try again; if it keeps happening, tell IT.'
          : 'Reload the page and try again. If it keeps happening, tell IT.',
      status: response.status,
    });
  }

  /** Any error as a problem: itself when it is one, else a plain "something went wrong". */
  static from(error: unknown): ApiProblem {
    if (error instanceof ApiProblem) return error;
    return new ApiProblem({
      code: 'client',
      title: 'Something went wrong on this page',
      detail: 'Reload the page and try again. If it keeps happening, tell IT.',
      status: 0,
    });
  }

  /** A call that got no answer at all (network down, server stopped). */
  static network(): ApiProblem {
    return new ApiProblem({
      code: 'network',
      title: 'Cannot reach the console',
      detail:
        'Check your network connection, then try again. If other sites work, the console may be down: tell IT.',
      status: 0,
    });
  }
}

async function readJson(response: Response): Promise<Record<string, unknown> | null> {
  const type = response.headers.get('content-type') ?? '';
  if (!type.includes('json')) return null;
  try {
    const body: unknown = await response.json();
    return typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

function stringOr(value: unknown, fallback: string): string {
  return typeof value === 'string' && value !== '' ? value : fallback;
}

function fieldErrors(value: unknown): FieldError[] {
  if (!Array.isArray(value)) return [];
  return value
    .filter((e): e is { path: unknown; message: unknown } => typeof e === 'object' && e !== null)
    .map((e) => ({ path: String(e.path ?? ''), message: String(e.message ?? '') }));
}
