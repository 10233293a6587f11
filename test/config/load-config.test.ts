import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { policyDefinitionOf } from '../../src/config/config-schema.js';
import {
  ConfigError,
  loadConfig,
  parseConfig,
  resolveConfigPath,
} from '../../src/config/load-config.js';
import { CATEGORY_CATALOGUE } from '../../src/engine/categories/category-catalogue.js';

const FIL_03 = [
  'discrimination',
  'hate-speech',
  'drugs',
  'extremism',
  'gambling',
  'malware-hacking',
  'pornography',
  'piracy',
  'self-harm',
  'violence',
  'misinformation',
];

function problemsOf(text: string): ConfigError['problems'] {
  try {
    parseConfig(text, 'test.yaml');
  } catch (error) {
    assert.ok(error instanceof ConfigError, `expected ConfigError, got ${String(error)}`);
    return error.problems;
  }
  assert.fail('config was accepted');
}

const minimal = `lists: {}
policy:
  defaultGroup: default
  groups:
    - id: default
      label: Pupils
`;

describe('starter config', () => {
  const { config } = loadConfig();

  it('has the Widford Lodge groups in priority order', () => {
    assert.deepEqual(
      config.policy.groups.map((g) => g.id),
      ['privileged', 'admin-staff', 'teaching-staff', 'default'],
    );
    assert.equal(config.policy.defaultGroup, 'default');
  });

  it('controls every FIL-03 category for pupils', () => {
    const pupils = config.policy.groups.find((g) => g.id === 'default')!;
    for (const category of FIL_03) {
      assert.ok(category in pupils.categories, `pupils' policy says nothing of ${category}`);
      assert.ok(
        CATEGORY_CATALOGUE.some((c) => c.id === category),
        `${category} not in catalogue`,
      );
    }
  });

  it('has a list for every built-in category, each file present', () => {
    const loaded = loadConfig();
    const listed = new Set(
      config.lists.sources.flatMap((s) => (s.type === 'list' ? [s.category] : [])),
    );
    for (const category of CATEGORY_CATALOGUE) assert.ok(listed.has(category.id), category.id);
    for (const source of config.lists.sources) {
      assert.ok(source.path !== undefined);
      const path = resolveConfigPath(loaded, source.path);
      assert.ok(path.endsWith('.txt'), path);
    }
  });

  it('turns schedule times into windows for the engine', () => {
    const definition = policyDefinitionOf(config);
    assert.deepEqual(definition.schedules['lessons']?.windows, [
      { from: '08:50', to: '12:15' },
      { from: '13:15', to: '15:15' },
    ]);
  });
});

describe('config errors name the key and the line', () => {
  const cases = [
    {
      name: 'unknown_category',
      text: `${minimal}      categories:\n        gamez: block\n`,
      want: {
        key: 'policy.groups[0].categories.gamez',
        line: 8,
        message: /unknown category 'gamez'/,
      },
    },
    {
      name: 'bad_action',
      text: `${minimal}      categories:\n        games: maybe\n`,
      want: { key: 'policy.groups[0].categories.games', line: 8, message: /./ },
    },
    {
      name: 'unknown_schedule',
      text: `${minimal}      categories:\n        games: [{ action: allow, during: lunch }]\n`,
      want: {
        key: 'policy.groups[0].categories.games[0]',
        line: 8,
        message: /unknown schedule 'lunch'/,
      },
    },
    {
      name: 'misspelt_key',
      text: `${minimal}      uncategorized: block\n`,
      want: { key: 'policy.groups[0].uncategorized', line: 7, message: /Unrecognized key/ },
    },
    {
      name: 'default_group_missing',
      text: minimal.replace('defaultGroup: default', 'defaultGroup: pupils'),
      want: { key: 'policy.defaultGroup', line: 3, message: /not one of the groups/ },
    },
    {
      name: 'bad_time_window',
      text: `${minimal}  schedules:\n    lunchtime: { days: [mon], times: ['12-13'] }\n`,
      want: { key: 'policy.schedules.lunchtime.times[0]', line: 8, message: /not a time window/ },
    },
    {
      name: 'exception_without_reason',
      text: `${minimal}  exceptions:\n    - { id: a, match: school.test, action: allow, reason: '' }\n`,
      want: { key: 'policy.exceptions[0].reason', line: 8, message: /say why/ },
    },
    {
      name: 'monitor_route_to_unknown_role',
      text: `${minimal}monitor:\n  staff:\n    - { id: dsl, name: A, email: dsl@school.test, roles: [dsl] }\n  routes: [{ minLevel: 4, to: ['role:caretaker'] }]\n`,
      want: { key: 'monitor.routes[0].to[0]', line: 10, message: /unknown role 'caretaker'/ },
    },
    {
      name: 'monitor_route_to_unknown_staff',
      text: `${minimal}monitor:\n  staff:\n    - { id: dsl, name: A, email: dsl@school.test, roles: [dsl] }\n  routes: [{ minLevel: 4, to: [head.teacher] }]\n`,
      want: {
        key: 'monitor.routes[0].to[0]',
        line: 10,
        message: /no staff member with id 'head.teacher'/,
      },
    },
    {
      name: 'monitor_staff_bad_email',
      text: `${minimal}monitor:\n  staff:\n    - { id: dsl, name: A, email: not-an-address, roles: [dsl] }\n`,
      want: { key: 'monitor.staff[0].email', line: 9, message: /./ },
    },
    {
      name: 'monitor_webhook_short_secret',
      text: `${minimal}monitor:\n  webhooks: [{ name: mis, url: 'https://mis.school.test/hook', secret: short }]\n`,
      want: { key: 'monitor.webhooks[0].secret', line: 8, message: /at least 16 characters/ },
    },
    {
      name: 'yaml_syntax',
      text: 'policy: [\n',
      want: { key: '', line: 2, message: /^YAML:/ },
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const problems = problemsOf(c.text);
      const found = problems.find((p) => p.key === c.want.key);
      assert.ok(found, `no problem at ${c.want.key}: ${JSON.stringify(problems)}`);
      assert.equal(found.line, c.want.line);
      assert.match(found.message, c.want.message);
    });
  }

  it('reports every problem at once, not only the first', () => {
    const problems = problemsOf(
      `${minimal}      categories:\n        gamez: block\n        chatz: block\n`,
    );
    assert.equal(problems.length, 2);
  });

  it('names a missing file plainly', () => {
    assert.throws(() => loadConfig('/nonexistent/schoolgate.yaml'), /file not found/);
  });

  it('resolves relative paths against the config file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sg-config-'));
    try {
      const file = join(dir, 'schoolgate.yaml');
      writeFileSync(file, minimal);
      const loaded = loadConfig(file);
      assert.equal(resolveConfigPath(loaded, 'lists/games.txt'), join(dir, 'lists/games.txt'));
      assert.match(
        resolveConfigPath(loaded, 'builtin:lists/games.txt'),
        /starter\/lists\/games\.txt$/,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
