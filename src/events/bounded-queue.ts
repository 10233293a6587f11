/**
 * A first-in first-out queue that holds at most `max` items and, when full, drops the
 * oldest: the access log's memory while the disk is unavailable. Taking from the front is
 * O(1) (a moving head, compacted now and then), which `Array.shift` on 100,000 items is not.
 */
export class BoundedQueue<T> {
  readonly #max: number;
  #items: T[] = [];
  #head = 0;

  /** `max` must be a positive integer. */
  constructor(max: number) {
    if (!Number.isInteger(max) || max < 1) throw new RangeError(`queue bound ${max} must be >= 1`);
    this.#max = max;
  }

  get length(): number {
    return this.#items.length - this.#head;
  }

  /** Appends `item`; returns how many of the oldest items were dropped to make room (0 or 1). */
  push(item: T): number {
    this.#items.push(item);
    return this.#trim();
  }

  /** Removes and returns up to `count` items from the front, oldest first. */
  take(count: number): T[] {
    const end = Math.min(this.#items.length, this.#head + count);
    const taken = this.#items.slice(this.#head, end);
    this.#head = end;
    this.#compact();
    return taken;
  }

  /**
   * Puts items taken earlier back at the front (a write that failed), in their order; returns
   * how many of the oldest were then dropped to keep within the bound. O(length): failures
   * are rare and retried at most once a second.
   */
  putBack(items: readonly T[]): number {
    if (items.length === 0) return 0;
    this.#items = [...items, ...this.#items.slice(this.#head)];
    this.#head = 0;
    return this.#trim();
  }

  #trim(): number {
    const excess = this.length - this.#max;
    if (excess <= 0) return 0;
    this.#head += excess;
    this.#compact();
    return excess;
  }

  // Drop the consumed prefix once it is most of the array, so memory follows `length`.
  #compact(): void {
    if (this.#head === this.#items.length) {
      this.#items = [];
      this.#head = 0;
    } else if (this.#head > 1024 && this.#head * 2 > this.#items.length) {
      this.#items = this.#items.slice(this.#head);
      this.#head = 0;
    }
  }
}
