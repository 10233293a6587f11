import { z } from 'zod';

/**
 * The `database:` section: where events and records are kept, and the local spool in front
 * of it. Every field has a default: the built-in config uses SQLite in the data folder.
 */
export const databaseConfigSchema = z.strictObject({
  /** `postgres://user:password@host:5432/db`, or `sqlite:<file>`; default `<dataDir>/schoolgate.db`. */
  url: z.string().min(1).optional(),
  spool: z
    .strictObject({
      /** Folder of the spool's segment files, relative to the data folder. */
      dir: z.string().default('spool'),
      /** `always`: an event counts as recorded once fsynced; `interval`: at most every `fsyncIntervalMs`; `never`: the OS decides. */
      fsync: z.enum(['always', 'interval', 'never']).default('always'),
      fsyncIntervalMs: z.number().int().positive().default(1000),
      /**
       * Most events per database transaction. Larger batches touch each hourly rollup row
       * once for many events (20,000: about 1.5x the insert rate of 5,000, bench/store).
       */
      batchSize: z.number().int().min(1).max(100_000).default(20_000),
      /** Cap on the spool's size while the database is away; beyond it new events are dropped and counted. */
      maxMegabytes: z.number().int().positive().default(10_240),
    })
    .prefault({}),
});

const days = (fallback: number) => z.number().int().min(1).default(fallback);

/**
 * The `retention:` section: how long each kind of record is kept (PRV-02). Defaults follow
 * the Sevenoaks privacy notice: events 365 days active, then 365 days in compressed
 * archives, then deleted; records under a legal hold are kept whatever this says.
 */
export const retentionConfigSchema = z.strictObject({
  events: z
    .strictObject({ activeDays: days(365), archiveDays: z.number().int().min(0).default(365) })
    .prefault({}),
  /** Hourly counts by person; kept as long as the events they count. */
  rollups: z.strictObject({ days: days(730) }).prefault({}),
  holds: z
    .strictObject({
      /** Safeguarding holds are due for review this many years after the child's birth. */
      safeguardingReviewYearsAfterBirth: z.number().int().min(1).default(25),
      /** HR-case holds end this many years after they are placed. */
      hrYears: z.number().int().min(1).default(7),
    })
    .prefault({}),
  /** Folder of the daily archive files, relative to the data folder. */
  archiveDir: z.string().default('archive'),
  /** When the daily retention job runs, local time `HH:MM`. */
  dailyAt: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time of day, HH:MM')
    .default('02:30'),
});

export type DatabaseConfig = z.infer<typeof databaseConfigSchema>;
export type RetentionConfig = z.infer<typeof retentionConfigSchema>;
