import assert from 'node:assert/strict';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { SpoolCheckpoint } from '../../../src/events/spool/spool-checkpoint.js';
import { freshDir } from './spool-fixture.js';

const folder = () => {
  const dir = freshDir();
  mkdirSync(dir, { recursive: true });
  return dir;
};

describe('SpoolCheckpoint', () => {
  it('round_trips_a_position_and_replaces_it', async () => {
    const dir = folder();
    assert.deepEqual(await SpoolCheckpoint.read(dir), { position: null, problem: null });
    await SpoolCheckpoint.write(dir, { segment: 3, offset: 1234 });
    await SpoolCheckpoint.write(dir, { segment: 4, offset: 16 });
    assert.deepEqual(await SpoolCheckpoint.read(dir), {
      position: { segment: 4, offset: 16 },
      problem: null,
    });
    assert.ok(!existsSync(join(dir, 'checkpoint.json.tmp')));
  });

  const bad = [
    { name: 'not_json', text: '{"segment":', want: /not JSON/ },
    { name: 'null', text: 'null', want: /not a version 1/ },
    {
      name: 'other_format',
      text: '{"format":"x","version":1,"segment":1,"offset":16}',
      want: /not a version 1/,
    },
    {
      name: 'offset_inside_the_header',
      text: '{"format":"schoolgate-spool-checkpoint","version":1,"segment":1,"offset":3}',
      want: /impossible position/,
    },
    {
      name: 'segment_zero',
      text: '{"format":"schoolgate-spool-checkpoint","version":1,"segment":0,"offset":16}',
      want: /impossible position/,
    },
    {
      name: 'fractional_offset',
      text: '{"format":"schoolgate-spool-checkpoint","version":1,"segment":2,"offset":16.5}',
      want: /impossible position/,
    },
  ];
  for (const { name, text, want } of bad) {
    it(`reports_a_checkpoint_that_is_${name}`, async () => {
      const dir = folder();
      writeFileSync(join(dir, 'checkpoint.json'), text);
      const { position, problem } = await SpoolCheckpoint.read(dir);
      assert.equal(position, null);
      assert.match(problem ?? '', want);
    });
  }
});
