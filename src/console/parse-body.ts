import type { z } from 'zod';
import { Problem } from './problem.js';

/**
 * Validates a request's body or query with a schema, or throws an `invalid` problem naming
 * each field and what is wrong with it.
 */
export function parseInput<T extends z.ZodType>(
  schema: T,
  input: unknown,
  what: string,
): z.output<T> {
  const parsed = schema.safeParse(input ?? {});
  if (parsed.success) return parsed.data;
  const errors = parsed.error.issues.map((issue) => ({
    path: issue.path.join('.') || what,
    message: issue.message,
  }));
  throw new Problem(
    'invalid',
    `The ${what} is not valid`,
    errors.map((e) => `${e.path}: ${e.message}`).join('; '),
    { errors },
  );
}
