import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { groupsReferencedBy, identityConfigSchema } from '../../src/identity/identity-config.js';

describe('identityConfigSchema defaults', () => {
  it('fills every default from an empty section', () => {
    assert.deepEqual(identityConfigSchema.parse({}), {
      cacheSeconds: 60,
      portal: { enabled: false, sessionMinutes: 60 },
      addressMap: [],
    });
  });

  it('embeds in the config schema with prefault, so an absent section gets the defaults', () => {
    const config = z.strictObject({ identity: identityConfigSchema.prefault({}) });
    const got = config.parse({});
    assert.equal(got.identity.cacheSeconds, 60);
    assert.equal(got.identity.unidentified, undefined, "absent: the policy's default group");
    got.identity.addressMap.push({ match: '10.0.0.1', group: 'x' });
    assert.deepEqual(config.parse({}).identity.addressMap, [], 'defaults are not shared objects');
  });

  it('reads a full YAML section', () => {
    const yaml = `
usersFile: /var/lib/schoolgate/users.json
cacheSeconds: 30
portal: { enabled: true }
addressMap:
  - { match: 10.20.0.0/16, group: default, label: Guest Wi-Fi }
  - { match: "2001:db8::/32", group: teaching-staff }
  - { match: 192.0.2.10, user: jdoe }
unidentified: deny
`;
    const got = identityConfigSchema.parse(parseYaml(yaml));
    assert.equal(got.usersFile, '/var/lib/schoolgate/users.json');
    assert.equal(got.cacheSeconds, 30);
    assert.deepEqual(got.portal, { enabled: true, sessionMinutes: 60 });
    assert.equal(got.addressMap.length, 3);
    assert.equal(got.unidentified, 'deny');
  });
});

describe('identityConfigSchema errors name the key', () => {
  const cases = [
    {
      name: 'bad_cidr',
      input: { addressMap: [{ match: '10.0.0.0/33', group: 'default' }] },
      path: 'addressMap.0.match',
      want: /0 to 32/,
    },
    {
      name: 'host_bits',
      input: { addressMap: [{ match: '10.20.1.0/16', group: 'default' }] },
      path: 'addressMap.0.match',
      want: /did you mean 10\.20\.0\.0\/16/,
    },
    {
      name: 'no_group_or_user',
      input: { addressMap: [{ match: '10.0.0.1' }] },
      path: 'addressMap.0',
      want: /give a group, a user, or both/,
    },
    {
      name: 'duplicate_range',
      input: {
        addressMap: [
          { match: '10.0.0.0/8', group: 'a' },
          { match: '10.0.0.0/8', user: 'b' },
        ],
      },
      path: 'addressMap.1.match',
      want: /same range as addressMap\[0\]/,
    },
    {
      name: 'bad_group_id',
      input: { unidentified: { group: 'Guests' } },
      path: 'unidentified.group',
      want: /use a group id/,
    },
    {
      name: 'unknown_unidentified',
      input: { unidentified: 'allow' },
      path: 'unidentified',
      want: /use 'deny' or \{ group/,
    },
    {
      name: 'typo_key',
      input: { portal: { enabled: true, sessionMinuets: 30 } },
      path: 'portal',
      want: /sessionMinuets/,
    },
    {
      name: 'zero_session',
      input: { portal: { sessionMinutes: 0 } },
      path: 'portal.sessionMinutes',
      want: /./,
    },
    { name: 'negative_cache', input: { cacheSeconds: -1 }, path: 'cacheSeconds', want: /./ },
    { name: 'unknown_top_key', input: { proxyAuth: true }, path: '', want: /proxyAuth/ },
  ];
  for (const { name, input, path, want } of cases) {
    it(name, () => {
      const result = identityConfigSchema.safeParse(input);
      assert.equal(result.success, false);
      const issues = result.error!.issues;
      const hit = issues.find((i) => i.path.join('.') === path);
      assert.ok(hit, `no issue at ${path}: ${JSON.stringify(issues)}`);
      assert.match(`${hit.message} ${'keys' in hit ? String(hit.keys) : ''}`, want);
    });
  }
});

describe('groupsReferencedBy', () => {
  const cases = [
    {
      name: 'map_and_default',
      input: {
        addressMap: [
          { match: '10.0.0.0/8', group: 'guests' },
          { match: '10.1.0.1', user: 'x' },
        ],
      },
      want: [{ path: ['addressMap', 0, 'group'], group: 'guests' }],
    },
    { name: 'deny_names_no_group', input: { unidentified: 'deny' }, want: [] },
  ];
  for (const { name, input, want } of cases) {
    it(name, () => assert.deepEqual(groupsReferencedBy(identityConfigSchema.parse(input)), want));
  }
});
