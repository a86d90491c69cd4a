/** An item with the priority it is sampled by (lower is kept first) and a stable id for ties. */
export interface Ranked<T> {
  priority: number;
  id: string;
  item: T;
}

const before = <T>(a: Ranked<T>, b: Ranked<T>) =>
  a.priority < b.priority || (a.priority === b.priority && a.id < b.id);

/**
 * Keeps the `k` items of lowest priority seen so far (a max-heap of size k): with priorities from
 * a seeded hash this is a uniform sample without replacement whose result does not depend on the
 * order items were offered in. Memory is O(k) whatever the stream's length.
 *
 * @example
 * const s = new BottomK<string>(2);
 * for (const id of ids) s.offer(priority(seed, id), id, id);
 * s.sorted(); // the same two ids for the same seed, in any input order
 */
export class BottomK<T> {
  private readonly heap: Ranked<T>[] = [];

  constructor(readonly k: number) {}

  get size(): number {
    return this.heap.length;
  }

  /** Whether an item of this priority would enter the sample now (to skip costly work otherwise). */
  wouldKeep(priority: number, id: string): boolean {
    if (this.k <= 0) return false;
    const top = this.heap[0];
    return this.heap.length < this.k || top === undefined || before({ priority, id, item: top.item }, top);
  }

  /** Offers an item; returns whether it is (for now) in the sample. */
  offer(priority: number, id: string, item: T): boolean {
    if (this.k <= 0) return false;
    const r: Ranked<T> = { priority, id, item };
    const h = this.heap;
    if (h.length < this.k) {
      h.push(r);
      this.up(h.length - 1);
      return true;
    }
    const top = h[0] as Ranked<T>;
    if (!before(r, top)) return false;
    h[0] = r;
    this.down(0);
    return true;
  }

  /** The sample, lowest priority first. */
  sorted(): Ranked<T>[] {
    return [...this.heap].sort((a, b) => (before(a, b) ? -1 : before(b, a) ? 1 : 0));
  }

  private up(i: number): void {
    const h = this.heap;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!before(h[p] as Ranked<T>, h[i] as Ranked<T>)) break;
      [h[p], h[i]] = [h[i] as Ranked<T>, h[p] as Ranked<T>];
      i = p;
    }
  }

  private down(i: number): void {
    const h = this.heap;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < h.length && before(h[m] as Ranked<T>, h[l] as Ranked<T>)) m = l;
      if (r < h.length && before(h[m] as Ranked<T>, h[r] as Ranked<T>)) m = r;
      if (m === i) return;
      [h[m], h[i]] = [h[i] as Ranked<T>, h[m] as Ranked<T>];
      i = m;
    }
  }
}
