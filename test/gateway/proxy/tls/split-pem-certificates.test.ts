import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { test } from 'node:test';
import { rootCertificates } from 'node:tls';
import fc from 'fast-check';
import { splitPemCertificates } from '../../../../src/gateway/proxy/tls/split-pem-certificates.js';

const FUZZ_RUNS = Number(process.env.FUZZ_RUNS ?? 200);
const [a, b] = [rootCertificates[0]!, rootCertificates[1]!];

test('splitPemCertificates', async (t) => {
  const cases = [
    { name: 'one', input: a, want: 1 },
    {
      name: 'bundle_with_comments',
      input: `# Root A\nSubject: x\n${a}\n\n# Root B\n${b}\n`,
      want: 2,
    },
    { name: 'crlf_line_ends', input: `${a}\n${b}`.replace(/\n/g, '\r\n'), want: 2 },
    {
      name: 'key_block_ignored',
      input: '-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n',
      want: 0,
    },
    { name: 'unterminated', input: a.replace('-----END CERTIFICATE-----', ''), want: 0 },
    { name: 'empty', input: '', want: 0 },
  ];
  for (const c of cases) {
    await t.test(c.name, () => {
      const blocks = splitPemCertificates(c.input);
      assert.equal(blocks.length, c.want);
      for (const block of blocks) {
        assert.ok(!block.includes('\r'));
        assert.doesNotThrow(() => new X509Certificate(block));
      }
    });
  }
});

test('splitPemCertificates: fuzz, never throws and returns only whole blocks', () => {
  fc.assert(
    fc.property(fc.string({ maxLength: 400 }), fc.string({ maxLength: 50 }), (before, junk) => {
      for (const block of splitPemCertificates(`${before}${a}${junk}`)) {
        assert.match(block, /^-----BEGIN CERTIFICATE-----\n[\s\S]+-----END CERTIFICATE-----\n$/);
      }
    }),
    { numRuns: FUZZ_RUNS },
  );
});
