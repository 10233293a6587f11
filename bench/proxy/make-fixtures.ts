import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createTestPki } from '../../test/support/test-pki.js';

/** Files the three proxies and the origin share, all inside the run's work folder. */
export interface Fixtures {
  /** One domain per line: the blocklist every proxy gets. */
  readonly blocklist: string;
  readonly blocklistSize: number;
  /** The host of the "blocked" scenario (on the blocklist). */
  readonly blockedHost: string;
  /** The test CA that signed the origin's certificate (Schoolgate is told to trust it). */
  readonly originCa: string;
}

/** Blocklist size: "a few thousand domains", like a school's local list plus a feed excerpt. */
const DOMAINS = 4000;

// Ordinary newsletter prose: it must score well under a naughtiness limit of 50, so the
// 50 KB page is scanned to its end and passed, which is the costly case for every scanner.
const SENTENCES = [
  'Year 7 pupils visited the science museum on Tuesday and built their own model bridges.',
  'The library will stay open until half past four on weekdays during the exam season.',
  'Please remind your child to bring a named water bottle and a coat for outdoor lessons.',
  'Our choir sang at the town hall and raised funds for the local food bank.',
  'Parents evening for Year 9 takes place next Thursday from four until seven o’clock.',
  'The football team won their league match after a close second half against strong rivals.',
  'Homework club meets in room 12 every Monday and Wednesday after school.',
  'We thank the parents who volunteered to help with the summer fair and the book sale.',
  'Reading at home for twenty minutes a day makes a real difference to progress in every subject.',
  'The new art room has been painted and the kiln is ready for the pottery project.',
  'Students in Year 11 should check the revision timetable posted on the noticeboard.',
  'Lunch menus for the coming term are available from the school office and the website.',
  'The geography field trip to the coast will go ahead if the weather forecast is fair.',
  'Congratulations to everyone who took part in the maths challenge this month.',
  'Drama club rehearsals for the spring production begin after the half-term holiday.',
  'Please let the office know by nine o’clock if your child is unwell and cannot attend.',
];

/** A deterministic pseudo-random sequence (mulberry32), so every run serves the same bytes. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function page(title: string, bytes: number, next: () => number): string {
  const head = `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>${title}</title></head>\n<body><h1>${title}</h1>\n`;
  const tail = '</body></html>\n';
  let body = '';
  let section = 1;
  while (Buffer.byteLength(head + body + tail) < bytes) {
    if (section % 4 === 1) body += `<h2>News item ${section}</h2>\n`;
    const count = 3 + Math.floor(next() * 4);
    const words: string[] = [];
    for (let i = 0; i < count; i++)
      words.push(SENTENCES[Math.floor(next() * SENTENCES.length)] ?? '');
    body += `<p>${words.join(' ')} <a href="/news/${section}">Read more</a></p>\n`;
    section++;
  }
  return head + body + tail;
}

function domains(next: () => number): string[] {
  const letters = 'abcdefghijklmnopqrstuvwxyz0123456789';
  const tlds = ['test', 'example'];
  const out = new Set<string>();
  while (out.size < DOMAINS) {
    const length = 5 + Math.floor(next() * 10);
    let label = '';
    for (let i = 0; i < length; i++) label += letters[Math.floor(next() * 26)];
    if (next() < 0.2) label += `-${letters[Math.floor(next() * letters.length)]}`;
    out.add(`${label}.${tlds[Math.floor(next() * tlds.length)]}`);
  }
  return [...out];
}

/**
 * A page that must be blocked by any scanner using e2guardian's lists: heavily weighted
 * single phrases taken from its pornography list at run time (never written into this
 * repository, never printed), in a 1 KB page of ordinary prose.
 */
function phrasePage(next: () => number): string {
  const list = '/etc/e2guardian/lists/phraselists/pornography/weighted';
  const phrases: string[] = [];
  if (existsSync(list)) {
    for (const line of readFileSync(list, 'latin1').split('\n')) {
      const match = /^<([^<>,]+)><(\d+)>/.exec(line);
      if (match !== null && Number(match[2]) >= 50 && phrases.length < 6)
        phrases.push((match[1] as string).trim());
    }
  }
  return page('Test page', 1024, next).replace('</h1>', `</h1>\n<p>${phrases.join('. ')}.</p>`);
}

/** Writes the pages, the blocklist and the origin's certificate into `dir`. */
export function makeFixtures(dir: string): Fixtures {
  const next = random(20261124);
  writeFileSync(join(dir, 'small.html'), page('School news', 1024, next));
  writeFileSync(join(dir, 'page50k.html'), page('School newsletter', 50 * 1024, next));
  writeFileSync(join(dir, 'phrases.html'), phrasePage(next));
  writeFileSync(
    join(dir, 'origin-blocked.html'),
    '<!doctype html><title>Blocked</title><p>This site is blocked by the school filter.</p>\n',
  );
  const blockedHost = 'blocked.test';
  const list = [...domains(next), blockedHost];
  const blocklist = join(dir, 'blocklist.txt');
  writeFileSync(blocklist, `${list.join('\n')}\n`);
  const pki = createTestPki(dir, 'origin', ['localhost']);
  writeFileSync(join(dir, 'origin-key.pem'), pki.key);
  writeFileSync(join(dir, 'origin-cert.pem'), pki.cert);
  return { blocklist, blocklistSize: list.length, blockedHost, originCa: pki.caFile };
}
