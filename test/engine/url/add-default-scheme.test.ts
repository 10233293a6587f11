import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addDefaultScheme } from '../../../src/engine/url/add-default-scheme.js';

test('addDefaultScheme', async (t) => {
  const cases = [
    { name: 'bare_host', input: 'www.school.test', want: 'http://www.school.test' },
    { name: 'host_path', input: 'blocked.example/path', want: 'http://blocked.example/path' },
    {
      name: 'host_port',
      input: 'blocked.example:8080/path',
      want: 'http://blocked.example:8080/path',
    },
    { name: 'dotless_host_port', input: 'localhost:3128', want: 'http://localhost:3128' },
    { name: 'empty_port', input: 'localhost:', want: 'http://localhost:' },
    { name: 'colon_in_path', input: 'school.test/a:b', want: 'http://school.test/a:b' },
    { name: 'ipv6', input: '[::1]:80', want: 'http://[::1]:80' },
    { name: 'protocol_relative', input: '//school.test/', want: 'http://school.test/' },
    { name: 'http', input: 'http://school.test/', want: 'http://school.test/' },
    { name: 'http_upper', input: 'HTTPS://school.test/', want: 'HTTPS://school.test/' },
    { name: 'http_no_slashes', input: 'http:school.test', want: 'http:school.test' },
    { name: 'ftp', input: 'ftp://school.test/', want: null },
    { name: 'javascript', input: 'javascript:alert(1)', want: null },
    { name: 'mailto', input: 'mailto:x@school.test', want: null },
    { name: 'custom_with_slashes', input: 'chrome-extension://abc/', want: null },
  ];
  for (const c of cases) {
    await t.test(c.name, () => assert.equal(addDefaultScheme(c.input), c.want));
  }
});
