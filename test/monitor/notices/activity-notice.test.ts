import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { noticeCovering } from '../../../src/monitor/notices/activity-notice.js';

const notice = {
  id: 'n1',
  createdBy: 'smith',
  groups: ['9x'],
  topic: 'WW2 propaganda',
  keywords: ['propaganda', 'nazi germany'],
  categories: ['hate-speech'],
  fromMs: 1000,
  toMs: 5000,
};

describe('noticeCovering', () => {
  const probe = { groups: ['pupils', '9x'], category: 'extremism', timeMs: 2000 };
  const cases = [
    { name: 'a keyword in the search', texts: ['nazi propaganda posters'], over: {}, want: 'n1' },
    { name: 'a multi-word keyword', texts: ['life in nazi germany'], over: {}, want: 'n1' },
    {
      name: 'a keyword inside another word does not count',
      texts: ['propagandaxyz'],
      over: {},
      want: null,
    },
    { name: 'a listed category', texts: [], over: { category: 'hate-speech' }, want: 'n1' },
    { name: 'another class', texts: ['propaganda'], over: { groups: ['10y'] }, want: null },
    { name: 'before the window', texts: ['propaganda'], over: { timeMs: 999 }, want: null },
    { name: 'at the window end', texts: ['propaganda'], over: { timeMs: 5000 }, want: null },
    { name: 'case does not matter', texts: ['PROPAGANDA'], over: {}, want: 'n1' },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const got = noticeCovering([notice], { ...probe, texts: c.texts, ...c.over });
      assert.equal(got?.id ?? null, c.want);
    });
  }
});
