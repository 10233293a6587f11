import { z } from 'zod';
import { STAFF_ROLES } from './monitor-config.js';

/**
 * The `console:` section of `schoolgate.yaml`: the web console for the safeguarding team
 * and IT, served by the same process as the gateway. Defaults and why:
 * - `listen: 0.0.0.0:8080`: staff reach it from their own computers on the school network.
 * - `idleMinutes: 60`: a DSL's morning of triage without signing in again, short enough
 *   that an unattended screen does not stay open all day; `maxHours: 12` in any case.
 * - `maxFailedSignIns: 5` then `lockMinutes: 15`: slows guessing to a crawl without locking
 *   a mistyping teacher out for long.
 * - `requireTotpFor`: none until the school has set up authenticator apps; the starter
 *   config's comment suggests dsl, deputy_dsl and it_admin.
 * - `trustProxy: false`: only behind a TLS-terminating proxy does `X-Forwarded-*` mean
 *   anything (and then the session cookie is marked Secure).
 */
export const consoleConfigSchema = z.strictObject({
  enabled: z.boolean().default(true),
  listen: z
    .strictObject({
      host: z.string().min(1).default('0.0.0.0'),
      port: z.number().int().min(0).max(65535).default(8080),
    })
    .prefault({}),
  idleMinutes: z
    .number()
    .int()
    .min(5)
    .max(24 * 60)
    .default(60),
  maxHours: z
    .number()
    .int()
    .min(1)
    .max(7 * 24)
    .default(12),
  maxFailedSignIns: z.number().int().min(3).max(100).default(5),
  lockMinutes: z
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(15),
  requireTotpFor: z.array(z.enum(STAFF_ROLES)).default([]),
  trustProxy: z.boolean().default(false),
});

export type ConsoleConfig = z.infer<typeof consoleConfigSchema>;
