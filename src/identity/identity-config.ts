import { z } from 'zod';
import { checkAddressMapEntry } from './address-map.js';
import { CidrRange } from './cidr-range.js';

const groupId = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]*$/, 'use a group id: lower-case letters, digits, - and _');

const addressMapEntry = z
  .strictObject({
    match: z.string().min(1),
    group: groupId.optional(),
    user: z.string().min(1).optional(),
    label: z.string().min(1).optional(),
  })
  .superRefine((entry, ctx) => {
    const checked = checkAddressMapEntry(entry);
    if (typeof checked === 'string') {
      const path = checked.startsWith('give a') ? [] : ['match'];
      ctx.addIssue({ code: 'custom', path, message: checked });
    }
  });

const PORTAL_DEFAULT = { enabled: false, sessionMinutes: 60 } as const;

/**
 * The `identity:` section of `schoolgate.yaml`, for `src/config` to embed as
 * `identity: identityConfigSchema.prefault({})` (every field has a default, so `{}` and an
 * absent section are valid). Unknown keys are errors. Defaults and why:
 * - `usersFile`: absent means `<dataDir>/users.json`.
 * - `cacheSeconds: 60`: one argon2 run per person per minute instead of per request.
 * - `portal.sessionMinutes: 60`: a lesson, not a day: on a shared device a long session would
 *   file the next pupil's browsing under the last one's name.
 * - `unidentified` absent: unidentified traffic gets the policy's default group, the
 *   restrictive pupil profile (IDN-04; `npm start` works before any user exists).
 *   `{ group }` names another group; `'deny'` answers 407.
 *
 * Group ids here are not checked against `policy.groups`: `groupsReferencedBy` lists them with
 * their key paths so the config module's cross-reference check can.
 *
 * ### Examples
 * ```ts
 * identityConfigSchema.parse({}).unidentified; // undefined: the policy's default group
 * identityConfigSchema.parse({ addressMap: [{ match: '10.20.0.0/16', group: 'default' }] });
 * ```
 */
export const identityConfigSchema = z
  .strictObject({
    usersFile: z.string().min(1).optional(),
    cacheSeconds: z.number().int().min(0).max(3600).default(60),
    portal: z
      .strictObject({
        enabled: z.boolean().default(PORTAL_DEFAULT.enabled),
        sessionMinutes: z
          .number()
          .int()
          .min(1)
          .max(24 * 60)
          .default(PORTAL_DEFAULT.sessionMinutes),
      })
      .default(() => ({ ...PORTAL_DEFAULT })),
    addressMap: z.array(addressMapEntry).default(() => []),
    unidentified: z
      .union([z.literal('deny'), z.strictObject({ group: groupId })], {
        error: "use 'deny' or { group: <group id> }",
      })
      .optional(),
  })
  .superRefine((identity, ctx) => {
    // Same range twice: which entry applies would be an accident of order.
    const seen = new Map<string, number>();
    identity.addressMap.forEach((entry, i) => {
      const range = CidrRange.parse(entry.match);
      if (range.kind !== 'CidrRange') return;
      const earlier = seen.get(range.text);
      if (earlier === undefined) {
        seen.set(range.text, i);
        return;
      }
      ctx.addIssue({
        code: 'custom',
        path: ['addressMap', i, 'match'],
        message: `the same range as addressMap[${earlier}] (${range.text}); merge them`,
      });
    });
  });

/** The validated `identity:` section. */
export type IdentityConfig = z.infer<typeof identityConfigSchema>;

/**
 * Every group id the identity section names, with its key path under `identity`, for the
 * config module to check against `policy.groups`.
 *
 * ### Examples
 * ```ts
 * groupsReferencedBy(identityConfigSchema.parse({}));
 * // [{ path: ['unidentified', 'group'], group: 'default' }]
 * ```
 */
export function groupsReferencedBy(
  identity: IdentityConfig,
): { readonly path: (string | number)[]; readonly group: string }[] {
  const found: { path: (string | number)[]; group: string }[] = [];
  identity.addressMap.forEach((entry, i) => {
    if (entry.group !== undefined)
      found.push({ path: ['addressMap', i, 'group'], group: entry.group });
  });
  if (identity.unidentified !== undefined && identity.unidentified !== 'deny') {
    found.push({ path: ['unidentified', 'group'], group: identity.unidentified.group });
  }
  return found;
}
