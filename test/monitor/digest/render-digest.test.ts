import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { describe, it } from 'node:test';
import { digestCsv } from '../../../src/monitor/digest/digest-csv.js';
import { digestMessage } from '../../../src/monitor/digest/digest-message.js';
import { digestPdf } from '../../../src/monitor/digest/digest-pdf.js';
import { DEJAVU_SANS } from '../../../src/monitor/digest/render/render-report-pdf.js';
import { renderDigestHtml } from '../../../src/monitor/digest/render-digest-html.js';
import { renderDigestText } from '../../../src/monitor/digest/render-digest-text.js';
import {
  CYRILLIC,
  emptyDigest,
  FORGED,
  FORMULA,
  HOSTILE_TERMS,
  HOSTILE_USER,
  parseCsv,
  pdfShownText,
  sampleDigest,
} from './sample-digest.js';

const SCHOOL = 'Widford Lodge';

describe('renderDigestHtml', () => {
  const html = renderDigestHtml(sampleDigest(), { schoolName: SCHOOL });

  const hostile = [
    {
      name: 'a username',
      raw: HOSTILE_USER,
      escaped: '&lt;script&gt;alert(&quot;pwned&quot;)&lt;/script&gt;',
    },
    {
      name: 'a search term',
      raw: HOSTILE_TERMS,
      escaped: '&quot;&gt;&lt;img src=x onerror=alert(1)&gt;',
    },
  ];
  for (const { name, raw, escaped } of hostile) {
    it(`escapes ${name}`, () => {
      assert.ok(!html.includes(raw), 'the raw text is not in the HTML');
      assert.ok(html.includes(escaped), 'the escaped text is');
    });
  }

  it('has no script, no style block and no images: only inline styles', () => {
    assert.doesNotMatch(html, /<script|<style|<img|<link/i);
    assert.match(html, /^<!DOCTYPE html>/);
  });

  it('gives every chart and table a caption and header cells', () => {
    const tables = html.match(/<caption[^>]*>[^<]+<\/caption>/g) ?? [];
    // Summary, the hour chart, 3 rankings, 2 alert charts, the alerts table, search terms.
    assert.equal(tables.length, 9);
    assert.match(html, /<th scope="col"[^>]*>Category<\/th>/);
    assert.match(html, /<th scope="row"[^>]*>adult<\/th>/);
    assert.match(html, /<th scope="col"[^>]*>09:00<\/th>/);
  });

  it('draws bars in proportion to the largest value', () => {
    // adult 4 and gambling 3 of a largest 4: 100% and 75%.
    assert.match(html, /<td width="75%" style="background:#b03a2e/);
    // The hour chart's tallest column (5) is 100 px, the 2 is 40 px.
    assert.match(html, /height:100px;background/);
    assert.match(html, /height:40px;background/);
  });

  it('says so instead of drawing empty charts', () => {
    const empty = renderDigestHtml(emptyDigest());
    assert.ok(empty.includes('No blocked attempts in this period.'));
    assert.ok(empty.includes('No alerts at level 3 or above in this period.'));
    assert.doesNotMatch(empty, /background:#b03a2e/);
  });
});

describe('renderDigestText', () => {
  const text = renderDigestText(sampleDigest(), { schoolName: SCHOOL });

  const cases = [
    { name: 'the title', want: /^Daily digest: Tuesday 24 November 2026$/m },
    { name: 'the school', want: /^Widford Lodge: attempts to reach blocked sites/m },
    { name: 'requests, with a thousands separator', want: /^ {2}Requests +12,345$/m },
    { name: 'blocked attempts', want: /^ {2}Blocked attempts +7$/m },
    { name: 'alerts', want: /^ {2}Alerts +3$/m },
    { name: 'a bar scaled to the largest', want: /^ {2}adult {5}█{30} {2}4$/m },
    { name: 'the level meanings', want: /^ {2}4: Serious concern about a child's safety +█+ +1$/m },
    { name: 'how many more alerts', want: /And 2 more at level 3 and above/ },
  ];
  for (const { name, want } of cases) {
    it(`has ${name}`, () => assert.match(text, want));
  }

  it('keeps lines typed by pupils on one line', () => {
    assert.ok(!text.includes(FORGED));
    assert.doesNotMatch(text, /^FAKE LINE/m);
    assert.ok(text.includes('harmless?FAKE LINE: all clear'));
  });

  it('says so instead of drawing empty charts', () => {
    const empty = renderDigestText(emptyDigest());
    assert.match(
      empty,
      /^Blocked attempts per hour\n-+\n {2}No blocked attempts in this period\.$/m,
    );
    assert.match(empty, /^ {2}Blocked attempts {2}0$/m);
    assert.doesNotMatch(empty, /█/);
  });
});

describe('digestCsv', () => {
  const digest = sampleDigest();
  const rows = parseCsv(digestCsv(digest));
  const section = (id: string) => rows.filter((r) => r[0] === id).map((r) => [r[1], r[2]]);

  it('has one header and equally long rows', () => {
    assert.deepEqual(rows[0]!.slice(0, 3), ['section', 'key', 'count']);
    for (const r of rows) assert.equal(r.length, rows[0]!.length);
  });

  const cases = [
    {
      name: 'totals',
      id: 'totals',
      want: [
        ['requests', '12345'],
        ['blocked', '7'],
        ['warned', '1'],
        ['alerted', '2'],
        ['searches', '40'],
        ['people', '9'],
        ['alerts', '3'],
      ],
    },
    {
      name: 'categories',
      id: 'blocked-by-category',
      want: [
        ['adult', '4'],
        ['gambling', '3'],
      ],
    },
    {
      name: 'people, with the hostile name as it was',
      id: 'blocked-by-user',
      want: [
        [HOSTILE_USER, '5'],
        ['pupil.one', '2'],
      ],
    },
    {
      name: 'levels, zeros included',
      id: 'alerts-by-level',
      want: [
        ['5', '0'],
        ['4', '1'],
        ['3', '1'],
        ['2', '0'],
        ['1', '1'],
      ],
    },
    {
      name: 'search terms, the formula neutralised',
      id: 'search-terms',
      want: [
        [HOSTILE_TERMS, '3'],
        [`'${FORMULA}`, '2'],
        [CYRILLIC, '1'],
      ],
    },
  ];
  for (const { name, id, want } of cases) {
    it(`round-trips ${name}`, () => assert.deepEqual(section(id), want));
  }

  it('writes every hour of the chart, zeros included', () => {
    const hours = section('blocked-per-hour');
    assert.equal(hours.length, 24);
    assert.deepEqual(hours[9], ['2026-11-24 09:00 GMT', '5']);
    assert.deepEqual(hours[0], ['2026-11-24 00:00 GMT', '0']);
  });

  it('writes the alert rows with their other cells, line breaks kept inside quotes', () => {
    const header = rows[0]!;
    const alert = rows.find((r) => r[0] === 'alerts')!;
    const cell = (name: string) => alert[header.indexOf(name)];
    assert.equal(alert[1], '019e5a8e-7c00-7000-8000-000000000001');
    assert.equal(alert[2], '3');
    assert.equal(cell('user'), HOSTILE_USER);
    assert.equal(cell('title'), FORGED);
    assert.equal(cell('level'), '4');
  });
});

describe('digestPdf', () => {
  it('starts %PDF- and is the same bytes every time', async () => {
    const a = await digestPdf(sampleDigest(), { schoolName: SCHOOL });
    const b = await digestPdf(sampleDigest(), { schoolName: SCHOOL });
    assert.equal(a.subarray(0, 5).toString('latin1'), '%PDF-');
    assert.ok(a.equals(b), 'same digest, same bytes');
    const other = await digestPdf(sampleDigest('2026-11-25'), { schoolName: SCHOOL });
    assert.ok(!a.equals(other), 'another day, other bytes');
  });

  it('dates the PDF from the period, not the clock', async () => {
    const pdf = (await digestPdf(sampleDigest(), { compress: false })).toString('latin1');
    // The period ends at midnight GMT on the 25th.
    assert.match(pdf, /\/CreationDate (\d+) 0 R/);
    const ref = /\/CreationDate (\d+) 0 R/.exec(pdf)![1];
    assert.match(pdf, new RegExp(`\\n${ref} 0 obj\\n\\(D:20261125000000Z\\)\\nendobj`));
    assert.ok(pdf.includes('\n(Daily digest: Tuesday 24 November 2026)\n'), 'the title');
  });

  it('shows the title, totals and the people, in Helvetica when asked', async () => {
    const pdf = await digestPdf(sampleDigest(), { fontPath: null, compress: false });
    const shown = pdfShownText(pdf);
    assert.ok(shown.includes('Daily digest: Tuesday 24 November 2026'));
    assert.ok(shown.includes('12,345'));
    assert.ok(shown.includes(HOSTILE_USER));
    assert.ok(
      shown.some((l) => l.startsWith('Font: Helvetica')),
      'says which font and why',
    );
    assert.ok(shown.includes('?'.repeat(CYRILLIC.length)), 'Cyrillic it cannot print is ?');
    assert.ok(!shown.includes(FORGED), 'no line break inside a line');
    // Bars are drawn as filled rectangles.
    assert.ok((pdf.toString('latin1').match(/ re\n/g) ?? []).length >= 10);
  });

  it('embeds DejaVu Sans when installed, so non-Latin search terms print', async (t) => {
    const pdf = (await digestPdf(sampleDigest(), { compress: false })).toString('latin1');
    if (!existsSync(DEJAVU_SANS)) {
      assert.match(pdf, /\/BaseFont \/Helvetica/);
      t.skip(`${DEJAVU_SANS} is not installed (Debian fonts-dejavu-core): checked the fallback`);
      return;
    }
    assert.match(pdf, /\/FontName \/[A-Z]{6}\+DejaVuSans\b/);
    assert.match(pdf, /\/FontFile2/);
    // The ToUnicode map names each Cyrillic letter the search term used.
    for (const letter of new Set(CYRILLIC)) {
      const code = letter.codePointAt(0)!.toString(16).padStart(4, '0');
      assert.match(pdf, new RegExp(`<${code}>`, 'i'), letter);
    }
  });

  it('renders an empty day', async () => {
    const pdf = await digestPdf(emptyDigest(), { fontPath: null, compress: false });
    assert.ok(pdfShownText(pdf).includes('No blocked attempts in this period.'));
  });
});

describe('digestMessage', () => {
  it('has a subject without names, both bodies, and the CSV and PDF attached', async () => {
    const digest = sampleDigest();
    const m = await digestMessage(digest, SCHOOL);
    assert.equal(
      m.subject,
      'Widford Lodge daily digest: Tuesday 24 November 2026 (7 blocked attempts, 3 alerts, 1 at level 4-5)',
    );
    assert.equal(m.text, renderDigestText(digest, { schoolName: SCHOOL }));
    assert.equal(m.html, renderDigestHtml(digest, { schoolName: SCHOOL }));
    assert.deepEqual(
      m.attachments.map((a) => [a.filename, a.contentType]),
      [
        ['schoolgate-digest-daily-2026-11-24.csv', 'text/csv; charset=utf-8'],
        ['schoolgate-digest-daily-2026-11-24.pdf', 'application/pdf'],
      ],
    );
    const csv = Buffer.from(m.attachments[0]!.base64, 'base64').toString('utf8');
    assert.equal(csv, `\ufeff${digestCsv(digest)}`);
    const pdf = Buffer.from(m.attachments[1]!.base64, 'base64');
    assert.ok(pdf.equals(await digestPdf(digest, { schoolName: SCHOOL })));
  });

  it('keeps the subject to one line whatever the school is called', async () => {
    const m = await digestMessage(emptyDigest(), 'Evil\r\nBcc: everyone@school.test');
    assert.doesNotMatch(m.subject, /[\r\n]/);
    assert.match(m.subject, /\(0 blocked attempts, 0 alerts\)$/);
  });
});
