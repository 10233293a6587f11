import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compileIndexImage } from '../../../src/engine/index/compile-index-image.js';
import { IndexCodec } from '../../../src/engine/index/index-codec.js';
import type { IndexImage } from '../../../src/engine/index/index-image.js';
import { list } from './index-fixture.js';

const images: { name: string; image: IndexImage }[] = [
  { name: 'empty', image: compileIndexImage({ builtAt: 0, lists: [] }) },
  {
    name: 'mixed',
    image: compileIndexImage({
      builtAt: 1_790_000_000_123,
      lists: [
        list('adult', 'ut1/adult', [
          'blocked.example',
          'host.example/a/b',
          '192.0.2.10',
          '2001:db8::1',
        ]),
        list('gambling', 'ut1/gambling', ['blocked.example', 'www.bet.example/x']),
        list('catégorie', 'source-ü', ['école.example']),
      ],
    }),
  },
  {
    name: 'many',
    image: compileIndexImage({
      builtAt: 42,
      lists: [
        list(
          'adult',
          'a',
          Array.from({ length: 5000 }, (_, i) => `d${i}.example`),
        ),
      ],
    }),
  },
];

describe('IndexCodec', () => {
  for (const { name, image } of images) {
    it(`serializes with exact size (${name})`, () => {
      assert.equal(IndexCodec.serialize(image).length, IndexCodec.getSerializedSize(image));
    });

    it(`round-trips every field (${name})`, () => {
      const bytes = IndexCodec.serialize(image);
      const back = IndexCodec.deserialize(bytes);
      assert.deepEqual({ ...back, slots: [...back.slots] }, { ...image, slots: [...image.slots] });
      assert.deepEqual(IndexCodec.serialize(back), bytes);
    });
  }

  it('views the slot table over the given buffer (no copy)', () => {
    const bytes = IndexCodec.serialize(images[1]!.image);
    const shared = new Uint8Array(new SharedArrayBuffer(bytes.length));
    shared.set(bytes);
    assert.equal(IndexCodec.deserialize(shared).slots.buffer, shared.buffer);
  });

  it('copies the slot table only when the input is misaligned', () => {
    const bytes = IndexCodec.serialize(images[1]!.image);
    const padded = new Uint8Array(bytes.length + 1);
    padded.set(bytes, 1);
    const image = IndexCodec.deserialize(padded.subarray(1));
    assert.notEqual(image.slots.buffer, padded.buffer);
    assert.deepEqual([...image.slots], [...images[1]!.image.slots]);
  });
});
