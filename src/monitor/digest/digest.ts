import type { AlertsTable } from '../../store/schema.js';
import type { RiskLevel } from '../risk-level.js';
import type { DigestPeriod } from './digest-period.js';

/** A name (a category, group, person or search) and how many times it came up. */
export interface DigestCount {
  readonly key: string;
  readonly count: number;
}

/** One bar of the digest's time chart: blocked attempts in an hour (daily) or a day (weekly). */
export interface DigestPoint {
  readonly startMs: number;
  /** `2026-11-24 09:00 GMT` or `2026-11-24`, for CSV. */
  readonly key: string;
  /** `09:00` or `Tue 24 Nov`, for the chart. */
  readonly label: string;
  readonly blocked: number;
}

/** An alert as the digest lists it: enough to find it in the console, no evidence. */
export interface DigestAlert {
  readonly id: string;
  readonly level: RiskLevel;
  readonly category: string;
  /** The person's username, or null when the request could not be tied to one. */
  readonly user: string | null;
  readonly title: string;
  readonly count: number;
  readonly state: AlertsTable['state'];
  readonly lastMs: number;
  /** `Tue 24 Nov 2026 09:15`, local: when the alert last grew. */
  readonly last: string;
}

/** The digest's headline numbers. */
export interface DigestTotals {
  /** Every request recorded in the period. */
  readonly requests: number;
  /** Requests the filter blocked: attempts to reach blocked sites. */
  readonly blocked: number;
  /** Requests that met a warning page. */
  readonly warned: number;
  /** Requests allowed through but flagged for the monitor (the policy's `alert` action). */
  readonly alerted: number;
  readonly searches: number;
  /** Distinct people with at least one request. */
  readonly people: number;
  /** Safeguarding alerts active in the period (raised, or grown, in it). */
  readonly alerts: number;
}

/**
 * One digest, as plain data: what the head and DSL read each morning (daily) or Monday
 * (weekly). Every renderer (HTML and text e-mail, CSV, PDF) works from this alone, so all
 * four say the same thing. Lists of people hold pupils' usernames: digests go to the head
 * and DSL only (`monitor.digests.to`).
 */
export interface Digest {
  readonly kind: 'digest';
  readonly period: DigestPeriod;
  readonly totals: DigestTotals;
  /** Most blocked first; at most `topN` each. */
  readonly blockedByCategory: readonly DigestCount[];
  readonly blockedByGroup: readonly DigestCount[];
  readonly blockedByUser: readonly DigestCount[];
  /** Per local hour (daily) or per local day (weekly), oldest first, zeros included. */
  readonly blockedSeries: readonly DigestPoint[];
  /** Alerts active in the period per level, 5 down to 1, zeros included. */
  readonly alertsByLevel: readonly { readonly level: RiskLevel; readonly count: number }[];
  /** Alerts active in the period per workflow state, zeros included. */
  readonly alertsByState: readonly {
    readonly state: AlertsTable['state'];
    readonly count: number;
  }[];
  /** Alerts of level 3 and above, most recent activity first, at most 20. */
  readonly alerts: readonly DigestAlert[];
  /** Level 3+ alerts beyond those listed. */
  readonly moreAlerts: number;
  /** Search terms in the evidence of alerts, in the period, most frequent first; at most `topN`. */
  readonly searchTerms: readonly DigestCount[];
}
