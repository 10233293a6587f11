import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { webEventSchema } from '../../src/events/web-event-schema.js';
import { SAMPLE_URLS, sampleEvent } from './event-fixture.js';

const search = sampleEvent(1); // the Google search
const block = sampleEvent(2); // bad.example, blocked by category

describe('webEventSchema', () => {
  it('accepts_every_sample_event', () => {
    for (let i = 0; i < SAMPLE_URLS.length; i++) {
      const parsed = webEventSchema.safeParse(sampleEvent(i));
      assert.ok(parsed.success, `${SAMPLE_URLS[i]}: ${parsed.error?.message}`);
    }
  });

  it('accepts_a_json_round_trip', () => {
    const parsed = webEventSchema.parse(JSON.parse(JSON.stringify(search)));
    assert.deepEqual(parsed, search);
  });

  const cases = [
    { name: 'wrong_kind', change: { kind: 'dns-query' }, path: 'kind' },
    { name: 'unknown_key', change: { query: 'q=1' }, path: '' },
    { name: 'uuid_v4_id', change: { id: '0b9ed2e1-4f62-4e0c-9a52-6ac0c4bd3c1a' }, path: 'id' },
    {
      name: 'id_from_another_time',
      change: { time: '2026-11-24T10:00:01.000Z' },
      path: 'id',
    },
    { name: 'time_without_ms', change: { time: '2026-11-24T10:00:00Z' }, path: 'time' },
    { name: 'time_with_offset', change: { time: '2026-11-24T11:00:00.000+01:00' }, path: 'time' },
    { name: 'empty_node', change: { node: '' }, path: 'node' },
    { name: 'group_not_text', change: { groups: [7] }, path: 'groups.0' },
    {
      name: 'client_not_ip',
      change: { clientAddress: 'pc-07.school.test' },
      path: 'clientAddress',
    },
    { name: 'scheme_ftp', change: { scheme: 'ftp' }, path: 'scheme' },
    { name: 'relative_path', change: { path: 'search' }, path: 'path' },
    { name: 'unknown_action', change: { action: 'quarantine' }, path: 'action' },
    { name: 'unknown_reason', change: { reason: 'vibes' }, path: 'reason' },
    {
      name: 'reason_detail_extra_key',
      change: { reasonDetail: { pageText: 'page text' } },
      path: 'reasonDetail',
    },
    {
      // The matched snippet is the only page text kept, and it is short.
      name: 'reason_detail_long_snippet',
      change: { reasonDetail: { snippet: 'x'.repeat(121) } },
      path: 'reasonDetail.snippet',
    },
    { name: 'terms_without_engine', change: { searchEngine: null }, path: 'searchEngine' },
    { name: 'unknown_engine', change: { searchEngine: 'altavista' }, path: 'searchEngine' },
    { name: 'alert_action_unflagged', change: { action: 'alert', alert: false }, path: 'alert' },
    { name: 'status_out_of_range', change: { status: 42 }, path: 'status' },
    { name: 'negative_bytes', change: { bytesDown: -1 }, path: 'bytesDown' },
    { name: 'fractional_duration', change: { durationMs: 1.5 }, path: 'durationMs' },
    { name: 'missing_field', change: { inspected: undefined }, path: 'inspected' },
  ];
  for (const { name, change, path } of cases) {
    it(`rejects_${name}`, () => {
      const parsed = webEventSchema.safeParse({ ...search, ...change });
      assert.equal(parsed.success, false);
      const paths = parsed.error!.issues.map((issue) => issue.path.join('.'));
      assert.ok(paths.includes(path), `issues at ${paths.join(', ')}, wanted ${path}`);
    });
  }

  it('rejects_autocomplete_without_terms', () => {
    const parsed = webEventSchema.safeParse({ ...block, searchAutocomplete: true });
    assert.equal(parsed.success, false);
  });
});
