import { z } from 'zod';

const seconds = (fallback: number) => z.number().positive().default(fallback);

/**
 * The `gateway:` section: where the web proxy listens, what it inspects, its limits.
 * Every field has a default so the built-in config needs none of it.
 */
export const gatewayConfigSchema = z.strictObject({
  listen: z
    .strictObject({
      host: z.string().default('0.0.0.0'),
      port: z.number().int().min(0).max(65535).default(3128),
    })
    .default({ host: '0.0.0.0', port: 3128 }),
  /** The name and port clients use to reach the gateway (PAC file, links on pages); default: the listen address. */
  publicHost: z.string().optional(),
  /** This gateway's name in events (several nodes may share one store). */
  node: z.string().default('gateway-1'),
  inspection: z
    .strictObject({
      enabled: z.boolean().default(true),
      /** Categories tunnelled without inspection; only their host is logged. */
      exemptCategories: z.array(z.string()).default(['banking', 'health']),
      exemptHosts: z.array(z.string()).default([]),
      /** Groups whose HTTPS is tunnelled, never inspected. */
      uninspectedGroups: z.array(z.string()).default([]),
    })
    .default({
      enabled: true,
      exemptCategories: ['banking', 'health'],
      exemptHosts: [],
      uninspectedGroups: [],
    }),
  /** Allow CONNECT to bare IP addresses (refused by default: a common way round the filter). */
  connectToIpLiterals: z.boolean().default(false),
  /** Ports a CONNECT may reach; others are refused (a tunnel to any port is a way out). */
  connectPorts: z.array(z.number().int().min(1).max(65535)).default([443]),
  upstream: z
    .strictObject({
      extraCaFiles: z.array(z.string()).default([]),
      timeoutSeconds: seconds(30),
      /** Fixed addresses for upstream host names (split-horizon DNS, test origins), like curl's --resolve. */
      hosts: z.record(z.string(), z.union([z.ipv4(), z.ipv6()])).default({}),
    })
    .default({ extraCaFiles: [], timeoutSeconds: 30, hosts: {} }),
  timeouts: z
    .strictObject({
      headersSeconds: seconds(20),
      idleSeconds: seconds(60),
      requestSeconds: seconds(300),
    })
    .default({ headersSeconds: 20, idleSeconds: 60, requestSeconds: 300 }),
  limits: z
    .strictObject({
      maxHeaderBytes: z.number().int().min(1024).default(16_384),
      maxHeaders: z.number().int().min(8).default(100),
    })
    .default({ maxHeaderBytes: 16_384, maxHeaders: 100 }),
  /** Bytes of each text response scanned for phrases; the rest passes unscanned. */
  scanWindowBytes: z.number().int().min(0).default(1_048_576),
  warnOverrideMinutes: z.number().positive().default(15),
  /**
   * The NDJSON access log, an option beside the event store (which always records): off by
   * default, since it holds the same personal data outside the store's retention and holds.
   */
  accessLog: z
    .strictObject({ enabled: z.boolean().default(false), dir: z.string().default('logs') })
    .default({ enabled: false, dir: 'logs' }),
});

export type GatewayConfig = z.infer<typeof gatewayConfigSchema>;
