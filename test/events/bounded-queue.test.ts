import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { BoundedQueue } from '../../src/events/bounded-queue.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 200);

describe('BoundedQueue', () => {
  const cases = [
    { name: 'under_the_bound', max: 5, pushes: 3, want: [0, 1, 2], dropped: 0 },
    { name: 'at_the_bound', max: 3, pushes: 3, want: [0, 1, 2], dropped: 0 },
    { name: 'drops_the_oldest', max: 3, pushes: 7, want: [4, 5, 6], dropped: 4 },
  ];
  for (const { name, max, pushes, want, dropped } of cases) {
    it(name, () => {
      const queue = new BoundedQueue<number>(max);
      let lost = 0;
      for (let i = 0; i < pushes; i++) lost += queue.push(i);
      assert.equal(lost, dropped);
      assert.deepEqual(queue.take(100), want);
      assert.equal(queue.length, 0);
    });
  }

  it('puts_back_at_the_front_and_trims_the_oldest', () => {
    const queue = new BoundedQueue<number>(4);
    for (let i = 0; i < 4; i++) queue.push(i);
    const taken = queue.take(3); // 0 1 2 in flight
    queue.push(4);
    queue.push(5); // queue: 3 4 5
    assert.equal(queue.putBack(taken), 2); // 0 1 2 3 4 5 -> drop 0 1
    assert.deepEqual(queue.take(10), [2, 3, 4, 5]);
  });

  it('rejects_a_bound_below_one', () => {
    assert.throws(() => new BoundedQueue(0), RangeError);
  });

  it('behaves_like_an_array_model', () => {
    const op = fc.oneof(
      fc.record({ push: fc.integer() }),
      fc.record({ take: fc.nat({ max: 3000 }) }),
    );
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 2000 }),
        fc.array(op, { maxLength: 60 }),
        (max, ops) => {
          const queue = new BoundedQueue<number>(max);
          let model: number[] = [];
          for (const step of ops) {
            if ('push' in step) {
              // Push runs of values so the compaction path (head > 1024) is exercised.
              for (let i = 0; i < 50; i++) {
                const dropped = queue.push(step.push + i);
                model.push(step.push + i);
                const excess = Math.max(0, model.length - max);
                model = model.slice(excess);
                assert.equal(dropped, excess);
              }
            } else {
              assert.deepEqual(queue.take(step.take), model.splice(0, step.take));
            }
            assert.equal(queue.length, model.length);
          }
        },
      ),
      { numRuns: RUNS },
    );
  });
});
