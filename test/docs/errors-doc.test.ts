import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { ConfigError } from '../../src/config/load-config.js';
import {
  ENGINE_ERROR_CODES,
  EngineError,
  type EngineErrorCode,
} from '../../src/engine/engine-error.js';
import { TLS_ERROR_CODES } from '../../src/gateway/proxy/tls/tls-error.js';
import { STORE_ERROR_CODES } from '../../src/store/store-error.js';

const doc = readFileSync(new URL('../../docs/errors.md', import.meta.url), 'utf8');

describe('error registry', () => {
  const codes = [
    ...Object.keys(ENGINE_ERROR_CODES),
    ...Object.keys(TLS_ERROR_CODES),
    ...Object.keys(STORE_ERROR_CODES),
    new ConfigError('x', []).code,
  ];
  for (const code of codes) {
    it(`docs/errors.md has a row for ${code}`, () => {
      assert.match(doc, new RegExp(`^\\| \`${code}\` *\\|`, 'm'));
    });
  }

  it('each engine error carries its own code and fills its message', () => {
    for (const code of Object.keys(ENGINE_ERROR_CODES) as EngineErrorCode[]) {
      const error = EngineError.create(code, 'A', 'B');
      assert.equal(error.code, code);
      assert.ok(EngineError.is(error, code));
      assert.doesNotMatch(error.message, /%s/);
    }
  });
});
