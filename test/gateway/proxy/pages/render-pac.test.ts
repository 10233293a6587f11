import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import vm from 'node:vm';
import { type PacInput, renderPac } from '../../../../src/gateway/proxy/pages/render-pac.js';

/** PAC helper functions as browsers define them, strict enough to catch misuse. */
function pacContext(): vm.Context {
  const toInt = (ip: string): number => {
    const parts = ip.split('.').map(Number);
    assert.equal(parts.length, 4, `isInNet given a non-IPv4 value: ${ip}`);
    return parts.reduce((acc, p) => acc * 256 + p, 0);
  };
  return vm.createContext({
    isPlainHostName: (host: string) => !host.includes('.'),
    dnsDomainIs: (host: string, domain: string) => host.endsWith(domain),
    // A real browser resolves a name here: the PAC must only ever pass IP literals.
    isInNet: (host: string, pattern: string, mask: string) => {
      assert.match(host, /^\d+\.\d+\.\d+\.\d+$/, `isInNet would resolve a name: ${host}`);
      const m = toInt(mask);
      return (toInt(host) & m) >>> 0 === (toInt(pattern) & m) >>> 0;
    },
    shExpMatch: (str: string, glob: string) =>
      new RegExp(
        `^${glob
          .replace(/[.+^${}()|[\]\\]/g, '\\$&')
          .replace(/\*/g, '.*')
          .replace(/\?/g, '.')}$`,
      ).test(str),
    dnsResolve: () => assert.fail('the PAC must not resolve names'),
  });
}

function evaluate(input: PacInput): (url: string, host: string) => string {
  const context = pacContext();
  vm.runInContext(renderPac(input).body, context, { filename: 'proxy.pac' });
  return (url, host) => context['FindProxyForURL'](url, host);
}

const PROXY = 'PROXY gateway.school.test:3128';

describe('renderPac: routing', () => {
  const find = evaluate({
    proxyHost: 'gateway.school.test',
    proxyPort: 3128,
    bypass: ['school.test', '*.intranet.example', 'Bücher.example.'],
  });
  const cases = [
    { name: 'public_site', host: 'www.bbc.co.uk', want: PROXY },
    { name: 'blocked_site', host: 'blocked.example', want: PROXY },
    { name: 'plain_host_name', host: 'printserver', want: 'DIRECT' },
    { name: 'localhost', host: 'localhost', want: 'DIRECT' },
    { name: 'loopback_ip', host: '127.0.0.1', want: 'DIRECT' },
    { name: 'ipv6_loopback', host: '::1', want: 'DIRECT' },
    { name: 'ipv6_literal_goes_to_proxy', host: '2001:db8::1', want: PROXY },
    { name: 'bracketed_ipv6_literal', host: '[2001:db8::1]', want: PROXY },
    { name: 'the_gateway_itself', host: 'gateway.school.test', want: 'DIRECT' },
    { name: 'bypass_domain', host: 'school.test', want: 'DIRECT' },
    { name: 'bypass_subdomain', host: 'mail.school.test', want: 'DIRECT' },
    { name: 'bypass_is_on_label_boundary', host: 'evilschool.test', want: PROXY },
    { name: 'bypass_suffix_trick', host: 'school.test.evil.example', want: PROXY },
    { name: 'wildcard_bypass', host: 'wiki.intranet.example', want: 'DIRECT' },
    { name: 'idn_bypass_in_punycode', host: 'xn--bcher-kva.example', want: 'DIRECT' },
    { name: 'upper_case_host', host: 'MAIL.SCHOOL.TEST', want: 'DIRECT' },
    { name: 'private_10', host: '10.20.30.40', want: 'DIRECT' },
    { name: 'private_172_16', host: '172.16.0.1', want: 'DIRECT' },
    { name: 'private_172_31', host: '172.31.255.254', want: 'DIRECT' },
    { name: 'outside_172_16_12', host: '172.32.0.1', want: PROXY },
    { name: 'private_192_168', host: '192.168.1.1', want: 'DIRECT' },
    { name: 'public_ip', host: '198.51.100.7', want: PROXY },
    { name: 'name_resembling_private_ip', host: '10.0.0.1.evil.example', want: PROXY },
  ];
  for (const c of cases) {
    it(c.name, () => assert.equal(find(`https://${c.host}/`, c.host), c.want));
  }
});

describe('renderPac: configuration', () => {
  it('custom_local_ranges_replace_defaults', () => {
    const find = evaluate({
      proxyHost: '10.0.0.5',
      proxyPort: 8080,
      bypass: [],
      localRanges: ['100.64/10', '192.0.2.77/32'],
    });
    assert.equal(find('http://100.100.1.1/', '100.100.1.1'), 'DIRECT');
    assert.equal(find('http://100.128.0.1/', '100.128.0.1'), 'PROXY 10.0.0.5:8080');
    assert.equal(find('http://192.0.2.77/', '192.0.2.77'), 'DIRECT');
    assert.equal(find('http://192.0.2.78/', '192.0.2.78'), 'PROXY 10.0.0.5:8080');
    assert.equal(find('http://10.1.1.1/', '10.1.1.1'), 'PROXY 10.0.0.5:8080');
    assert.equal(find('http://10.0.0.5/', '10.0.0.5'), 'DIRECT');
  });

  it('headers', () => {
    const pac = renderPac({ proxyHost: 'gw.school.test', proxyPort: 3128, bypass: [] });
    assert.equal(pac.status, 200);
    assert.equal(pac.headers['content-type'], 'application/x-ns-proxy-autoconfig');
    // No "; DIRECT" fallback: with the gateway down the web is down, not unfiltered.
    assert.ok(!pac.body.includes('; DIRECT'));
  });

  it('old_engines_syntax', () => {
    const pac = renderPac({ proxyHost: 'gw.school.test', proxyPort: 3128, bypass: ['a.test'] });
    assert.ok(!/\b(const|let)\b|=>|`/.test(pac.body), 'ES3-era syntax only');
  });

  const bad = [
    { name: 'quote_in_host', input: { proxyHost: 'gw"; x', proxyPort: 3128, bypass: [] } },
    { name: 'ipv6_host', input: { proxyHost: '::1', proxyPort: 3128, bypass: [] } },
    { name: 'port_zero', input: { proxyHost: 'gw.test', proxyPort: 0, bypass: [] } },
    { name: 'port_too_big', input: { proxyHost: 'gw.test', proxyPort: 70000, bypass: [] } },
    { name: 'port_fraction', input: { proxyHost: 'gw.test', proxyPort: 31.5, bypass: [] } },
    {
      name: 'script_in_bypass',
      input: { proxyHost: 'gw.test', proxyPort: 1, bypass: ['"];alert(1);//'] },
    },
    { name: 'empty_bypass', input: { proxyHost: 'gw.test', proxyPort: 1, bypass: ['*.'] } },
    {
      name: 'bad_cidr_bits',
      input: { proxyHost: 'gw.test', proxyPort: 1, bypass: [], localRanges: ['10.0.0.0/33'] },
    },
    {
      name: 'bad_cidr_octet',
      input: { proxyHost: 'gw.test', proxyPort: 1, bypass: [], localRanges: ['300.0.0.0/8'] },
    },
    {
      name: 'cidr_without_bits',
      input: { proxyHost: 'gw.test', proxyPort: 1, bypass: [], localRanges: ['10.0.0.0'] },
    },
  ];
  for (const c of bad) {
    it(`refuses_${c.name}`, () => assert.throws(() => renderPac(c.input), TypeError));
  }
});
