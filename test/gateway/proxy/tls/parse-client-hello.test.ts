import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import {
  type ClientHelloResult,
  MAX_CLIENT_HELLO_BYTES,
} from '../../../../src/gateway/proxy/tls/client-hello-result.js';
import { parseClientHello } from '../../../../src/gateway/proxy/tls/parse-client-hello.js';
import { captureClientHello, nodeClient, processClient } from './capture-client-hello.js';

const FUZZ_RUNS = Number(process.env.FUZZ_RUNS ?? 200);

const REAL_CLIENTS = [
  {
    name: 'node_tls_with_servername',
    connect: nodeClient({ servername: 'blocked.example' }),
    want: { sni: 'blocked.example', alpn: [] as string[] },
  },
  {
    name: 'node_tls12_with_alpn',
    connect: nodeClient({
      servername: 'school.test',
      maxVersion: 'TLSv1.2',
      ALPNProtocols: ['h2', 'http/1.1'],
    }),
    want: { sni: 'school.test', alpn: ['h2', 'http/1.1'] },
  },
  {
    // Node sends no SNI when connecting to an IP literal without a servername.
    name: 'node_tls_ip_literal_no_sni',
    connect: nodeClient({}),
    want: { sni: null, alpn: [] as string[] },
  },
  {
    name: 'openssl_s_client',
    connect: processClient('openssl', [
      's_client',
      '-connect',
      '127.0.0.1:{PORT}',
      '-servername',
      'x.example',
      '-alpn',
      'http/1.1',
    ]),
    want: { sni: 'x.example', alpn: ['http/1.1'] },
  },
  {
    name: 'openssl_s_client_noservername',
    connect: processClient('openssl', [
      's_client',
      '-connect',
      '127.0.0.1:{PORT}',
      '-noservername',
    ]),
    want: { sni: null, alpn: [] as string[] },
  },
  {
    name: 'curl_connect_to',
    connect: processClient('curl', [
      '-s',
      '--max-time',
      '10',
      '--connect-to',
      'Blocked.Example:443:127.0.0.1:{PORT}',
      'https://Blocked.Example/',
    ]),
    // curl offers h2 first when built with nghttp2 (Debian's is); the SNI is lower-cased.
    want: { sni: 'blocked.example', alpn: ['h2', 'http/1.1'] },
  },
];

/** Real hellos captured once, shared by the tests below. */
const captured = new Map<string, Uint8Array>();

async function realHello(name: string): Promise<Uint8Array> {
  const cached = captured.get(name);
  if (cached !== undefined) return cached;
  const client = REAL_CLIENTS.find((c) => c.name === name)!;
  const bytes = await captureClientHello(client.connect);
  captured.set(name, bytes);
  return bytes;
}

function expectTls(result: ClientHelloResult) {
  assert.equal(result.kind, 'tls', JSON.stringify(result));
  return result as Extract<ClientHelloResult, { kind: 'tls' }>;
}

test('parseClientHello: real clients', async (t) => {
  for (const c of REAL_CLIENTS) {
    await t.test(c.name, async () => {
      const bytes = await realHello(c.name);
      const result = expectTls(parseClientHello(bytes));
      assert.equal(result.sni, c.want.sni);
      assert.deepEqual(result.alpn, c.want.alpn);
      assert.equal(result.ech, false);
    });
  }
});

test('parseClientHello: every prefix of a real hello is incomplete, with a growing need', async () => {
  const bytes = await realHello('curl_connect_to');
  for (let length = 0; length < bytes.length; length++) {
    const result = parseClientHello(bytes.subarray(0, length));
    assert.equal(result.kind, 'incomplete', `prefix of ${length}`);
    const need = (result as { need: number }).need;
    assert.ok(need > length && need <= bytes.length, `prefix ${length}: need ${need}`);
  }
  // Bytes after the hello (the client must wait, but the parser must not care) are ignored.
  const extra = new Uint8Array(bytes.length + 3);
  extra.set(bytes);
  assert.equal(expectTls(parseClientHello(extra)).sni, 'blocked.example');
});

test('parseClientHello: a hello split over several records is reassembled', async (t) => {
  const bytes = await realHello('node_tls_with_servername');
  const payload = bytes.subarray(5);
  for (const sizes of [[1], [3], [4], [100], [1, 2, 3]]) {
    await t.test(`fragments_${sizes.join('_')}`, () => {
      const records = splitIntoRecords(payload, sizes);
      const result = expectTls(parseClientHello(records));
      assert.equal(result.sni, 'blocked.example');
      // Each strict prefix still asks for more.
      for (const cut of [5, 6, records.length - 1]) {
        assert.equal(parseClientHello(records.subarray(0, cut)).kind, 'incomplete');
      }
    });
  }
});

test('parseClientHello: hand-built hellos', async (t) => {
  const cases = [
    {
      name: 'no_extensions_tls10_style',
      input: hello({ extensions: null }),
      want: { kind: 'tls', sni: null, alpn: [], ech: false },
    },
    {
      name: 'empty_extensions',
      input: hello({ extensions: [] }),
      want: { kind: 'tls', sni: null, alpn: [], ech: false },
    },
    {
      name: 'many_extensions_sni_last',
      input: hello({
        extensions: [ext(0x000a, [0, 2, 0, 0x1d]), ext(0x002b, [2, 3, 4]), sniExt('Late.Example')],
      }),
      want: { kind: 'tls', sni: 'late.example', alpn: [], ech: false },
    },
    {
      name: 'ech_outer_name_flagged',
      input: hello({ extensions: [sniExt('public.example'), ext(0xfe0d, [0, 1, 2])] }),
      want: { kind: 'tls', sni: 'public.example', alpn: [], ech: true },
    },
    {
      name: 'duplicate_sni_extension',
      input: hello({ extensions: [sniExt('a.example'), sniExt('blocked.example')] }),
      want: { kind: 'not-tls' },
    },
    {
      name: 'sni_with_space',
      input: hello({ extensions: [sniExt('blocked .example')] }),
      want: { kind: 'not-tls' },
    },
    {
      name: 'sni_with_nul',
      input: hello({ extensions: [sniExt('allowed.example\u0000blocked.example')] }),
      want: { kind: 'not-tls' },
    },
    {
      name: 'sni_empty',
      input: hello({ extensions: [sniExt('')] }),
      want: { kind: 'not-tls' },
    },
    {
      name: 'alpn_empty_name',
      input: hello({ extensions: [ext(0x0010, [0, 1, 0])] }),
      want: { kind: 'not-tls' },
    },
    {
      name: 'extension_length_overruns',
      input: hello({ extensions: [[0x00, 0x00, 0xff, 0xff]] }),
      want: { kind: 'not-tls' },
    },
    {
      name: 'session_id_too_long',
      input: hello({ extensions: null, sessionIdLength: 33 }),
      want: { kind: 'not-tls' },
    },
    {
      name: 'odd_cipher_suites_length',
      input: hello({ extensions: null, cipherSuites: [0x13, 0x01, 0x13] }),
      want: { kind: 'not-tls' },
    },
    {
      name: 'plain_http',
      input: new TextEncoder().encode('GET / HTTP/1.1\r\nHost: blocked.example\r\n\r\n'),
      want: { kind: 'not-tls' },
    },
    {
      // SSLv2 CLIENT-HELLO: 2-byte length with the top bit set, msg type 1, version 3.1.
      name: 'sslv2_style_hello',
      input: Uint8Array.from([0x80, 0x2e, 0x01, 0x03, 0x01, 0x00, 0x15, 0x00, 0x00, 0x00, 0x10]),
      want: { kind: 'not-tls' },
    },
    {
      name: 'alert_record',
      input: Uint8Array.from([0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 0x28]),
      want: { kind: 'not-tls' },
    },
    {
      name: 'server_hello_not_client_hello',
      input: Uint8Array.from([0x16, 0x03, 0x03, 0x00, 0x04, 0x02, 0x00, 0x00, 0x00]),
      want: { kind: 'not-tls' },
    },
    {
      name: 'record_longer_than_tls_allows',
      input: Uint8Array.from([0x16, 0x03, 0x01, 0x40, 0x01]),
      want: { kind: 'not-tls' },
    },
    {
      name: 'zero_length_record',
      input: Uint8Array.from([0x16, 0x03, 0x01, 0x00, 0x00]),
      want: { kind: 'not-tls' },
    },
    {
      name: 'bad_record_version',
      input: Uint8Array.from([0x16, 0x02]),
      want: { kind: 'not-tls' },
    },
    { name: 'empty_input', input: new Uint8Array(0), want: { kind: 'incomplete', need: 5 } },
    {
      name: 'header_only',
      input: Uint8Array.from([0x16, 0x03, 0x01, 0x02, 0x00]),
      want: { kind: 'incomplete', need: 5 + 512 },
    },
  ];
  for (const c of cases) {
    await t.test(c.name, () => {
      const result = parseClientHello(c.input);
      assert.equal(result.kind, c.want.kind, JSON.stringify(result));
      if (result.kind === 'not-tls') assert.ok(result.reason.length > 0);
      for (const [key, value] of Object.entries(c.want)) {
        assert.deepEqual((result as Record<string, unknown>)[key], value, key);
      }
    });
  }
});

test('parseClientHello: a hello longer than the cap is refused, not buffered', () => {
  // Three full records whose handshake header claims 40 KB.
  const records = new Uint8Array(3 * (5 + 16384));
  for (let r = 0; r < 3; r++) records.set([0x16, 0x03, 0x01, 0x40, 0x00], r * (5 + 16384));
  records.set([0x01, 0x00, 0x9c, 0x40], 5);
  const result = parseClientHello(records);
  assert.equal(result.kind, 'not-tls');
  assert.ok(MAX_CLIENT_HELLO_BYTES < records.length);
});

test('parseClientHello: fuzz, arbitrary bytes never throw', () => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 600 }), (bytes) => {
      checkInvariants(bytes, parseClientHello(bytes));
    }),
    { numRuns: FUZZ_RUNS },
  );
  // Arbitrary bytes behind a plausible record header reach the body parser.
  fc.assert(
    fc.property(fc.uint8Array({ minLength: 4, maxLength: 600 }), (body) => {
      const bytes = new Uint8Array(5 + body.length);
      bytes.set([0x16, 0x03, 0x01, body.length >> 8, body.length & 0xff]);
      bytes.set(body, 5);
      bytes[5] = 0x01;
      checkInvariants(bytes, parseClientHello(bytes));
    }),
    { numRuns: FUZZ_RUNS },
  );
});

test('parseClientHello: fuzz, mutated real hellos never throw', async () => {
  const seeds = await Promise.all(REAL_CLIENTS.map((c) => realHello(c.name)));
  fc.assert(
    fc.property(
      fc.integer({ min: 0, max: seeds.length - 1 }),
      fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), {
        minLength: 1,
        maxLength: 6,
      }),
      fc.nat(),
      (which, edits, cut) => {
        const bytes = Uint8Array.from(seeds[which]!);
        for (const [at, value] of edits) bytes[at % bytes.length] = value;
        const truncated = bytes.subarray(0, 1 + (cut % bytes.length));
        checkInvariants(bytes, parseClientHello(bytes));
        checkInvariants(truncated, parseClientHello(truncated));
      },
    ),
    { numRuns: FUZZ_RUNS },
  );
});

function checkInvariants(bytes: Uint8Array, result: ClientHelloResult): void {
  if (result.kind === 'incomplete') {
    assert.ok(result.need > bytes.length, 'need must exceed what was given');
    assert.ok(result.need <= MAX_CLIENT_HELLO_BYTES, 'need must respect the cap');
  } else if (result.kind === 'tls') {
    assert.ok(result.sni === null || /^[a-z0-9._-]{1,255}$/.test(result.sni));
  } else {
    assert.equal(result.kind, 'not-tls');
  }
}

/** Re-wraps a handshake payload in records of the given sizes (the last size repeats). */
function splitIntoRecords(payload: Uint8Array, sizes: number[]): Uint8Array {
  const out: number[] = [];
  let at = 0;
  let i = 0;
  while (at < payload.length) {
    const size = Math.min(sizes[Math.min(i, sizes.length - 1)]!, payload.length - at);
    out.push(0x16, 0x03, 0x01, size >> 8, size & 0xff, ...payload.subarray(at, at + size));
    at += size;
    i++;
  }
  return Uint8Array.from(out);
}

function u16(n: number): number[] {
  return [n >> 8, n & 0xff];
}

function ext(type: number, data: number[]): number[] {
  return [...u16(type), ...u16(data.length), ...data];
}

function sniExt(host: string): number[] {
  const name = [...new TextEncoder().encode(host)];
  const entry = [0, ...u16(name.length), ...name];
  return ext(0x0000, [...u16(entry.length), ...entry]);
}

function hello(options: {
  extensions: number[][] | null;
  sessionIdLength?: number;
  cipherSuites?: number[];
}): Uint8Array {
  const sessionId = new Array<number>(options.sessionIdLength ?? 32).fill(7);
  const suites = options.cipherSuites ?? [0x13, 0x01, 0x13, 0x02];
  const body = [
    0x03,
    0x03,
    ...new Array<number>(32).fill(1),
    sessionId.length,
    ...sessionId,
    ...u16(suites.length),
    ...suites,
    1,
    0,
  ];
  if (options.extensions !== null) {
    const all = options.extensions.flat();
    body.push(...u16(all.length), ...all);
  }
  const message = [0x01, 0, ...u16(body.length), ...body];
  return Uint8Array.from([0x16, 0x03, 0x01, ...u16(message.length), ...message]);
}
