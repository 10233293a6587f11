/** Hand-made digests for the renderer tests: no store needed, and hostile text in every list. */
import type { Digest } from '../../../src/monitor/digest/digest.js';
import { digestPeriod } from '../../../src/monitor/digest/digest-period.js';
import { timeBuckets } from '../../../src/monitor/digest/time-buckets.js';

export const HOSTILE_USER = '<script>alert("pwned")</script>';
export const HOSTILE_TERMS = '"><img src=x onerror=alert(1)>';
export const FORMULA = '=HYPERLINK("http://evil.example","click")';
export const CYRILLIC = 'самоповреждение';
export const FORGED = 'harmless\nFAKE LINE: all clear';

/** A daily digest with known numbers, a hostile username, search terms and alert title. */
export function sampleDigest(day = '2026-11-24'): Digest {
  const period = digestPeriod('daily', day, 'Europe/London');
  const { buckets } = timeBuckets(period.fromMs, period.toMs, period.timezone, 'hour');
  return {
    kind: 'digest',
    period,
    totals: {
      requests: 12345,
      blocked: 7,
      warned: 1,
      alerted: 2,
      searches: 40,
      people: 9,
      alerts: 3,
    },
    blockedByCategory: [
      { key: 'adult', count: 4 },
      { key: 'gambling', count: 3 },
    ],
    blockedByGroup: [{ key: 'year7', count: 7 }],
    blockedByUser: [
      { key: HOSTILE_USER, count: 5 },
      { key: 'pupil.one', count: 2 },
    ],
    blockedSeries: buckets.map((b, i) => ({
      startMs: b.startMs,
      key: b.key,
      label: b.label,
      blocked: i === 9 ? 5 : i === 10 ? 2 : 0,
    })),
    alertsByLevel: [
      { level: 5, count: 0 },
      { level: 4, count: 1 },
      { level: 3, count: 1 },
      { level: 2, count: 0 },
      { level: 1, count: 1 },
    ],
    alertsByState: [
      { state: 'new', count: 2 },
      { state: 'acknowledged', count: 0 },
      { state: 'escalated', count: 0 },
      { state: 'closed', count: 1 },
    ],
    alerts: [
      {
        id: '019e5a8e-7c00-7000-8000-000000000001',
        level: 4,
        category: 'self-harm',
        user: HOSTILE_USER,
        title: FORGED,
        count: 3,
        state: 'new',
        lastMs: Date.parse('2026-11-24T11:45:00Z'),
        last: 'Tue 24 Nov 2026 11:45',
      },
    ],
    moreAlerts: 2,
    searchTerms: [
      { key: HOSTILE_TERMS, count: 3 },
      { key: FORMULA, count: 2 },
      { key: CYRILLIC, count: 1 },
    ],
  };
}

/** A digest of a day with nothing in it. */
export function emptyDigest(day = '2026-12-25'): Digest {
  const d = sampleDigest(day);
  return {
    ...d,
    totals: { requests: 0, blocked: 0, warned: 0, alerted: 0, searches: 0, people: 0, alerts: 0 },
    blockedByCategory: [],
    blockedByGroup: [],
    blockedByUser: [],
    blockedSeries: d.blockedSeries.map((p) => ({ ...p, blocked: 0 })),
    alertsByLevel: d.alertsByLevel.map((l) => ({ ...l, count: 0 })),
    alertsByState: d.alertsByState.map((s) => ({ ...s, count: 0 })),
    alerts: [],
    moreAlerts: 0,
    searchTerms: [],
  };
}

/** RFC 4180 records (CRLF-ended, quoted cells with doubled quotes), for round-trip checks. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += c;
  }
  if (cell !== '' || row.length > 0) throw new Error('CSV does not end with CRLF');
  return rows;
}

/** The text a PDF shows, from its uncompressed content streams (standard fonts only: hex WinAnsi). */
export function pdfShownText(pdf: Buffer): string[] {
  const raw = pdf.toString('latin1');
  const lines: string[] = [];
  for (const tj of raw.matchAll(/\[((?:<[0-9a-f]*>\s*-?[\d.]*\s*)+)\]\s*TJ/g)) {
    let line = '';
    for (const hex of tj[1]!.matchAll(/<([0-9a-f]*)>/g)) {
      line += Buffer.from(hex[1]!, 'hex').toString('latin1');
    }
    lines.push(line);
  }
  return lines;
}
