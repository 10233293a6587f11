import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { loadConfig } from '../../src/config/load-config.js';
import { loadPhraseLists } from '../../src/lists/load-phrase-lists.js';

describe('loadPhraseLists', () => {
  it("maps a list's own category name onto ours, and warns of names it cannot place", async (t) => {
    const dir = mkdtempSync(join(tmpdir(), 'sg-phrases-'));
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    writeFileSync(join(dir, 'adult.txt'), '#listcategory: "Pornography"\n<velvet kumquat><60>\n');
    writeFileSync(join(dir, 'misc.txt'), '#listcategory: "Weighted Phrases"\n<tin whistle><10>\n');
    const config = join(dir, 'schoolgate.yaml');
    writeFileSync(
      config,
      `lists: {}
phrases:
  sources:
    - { name: adult, path: adult.txt }
    - { name: misc, path: misc.txt }
    - { name: gone, path: nowhere.txt }
policy:
  defaultGroup: pupils
  groups: [{ id: pupils, label: Pupils }]
`,
    );
    const messages: string[] = [];
    const matcher = await loadPhraseLists(loadConfig(config), (m) => messages.push(m));
    assert.ok(matcher !== null);
    assert.deepEqual(matcher.scan('a velvet kumquat and a tin whistle').scores, {
      pornography: 60,
      'Weighted Phrases': 10,
    });
    assert.ok(
      messages.some((m) => /'Weighted Phrases', which is not a Schoolgate category/.test(m)),
      messages.join('\n'),
    );
    assert.ok(
      !messages.some((m) => /'Pornography'/.test(m)),
      'a name differing only in case is mapped, not reported',
    );
    assert.ok(messages.some((m) => /phrase list gone: file not found/.test(m)));
  });
});
