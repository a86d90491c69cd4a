/** A binary min-heap of items ordered by `at`, ties broken by insertion order (so output is stable). */
export class TimeHeap<T> {
  private readonly at: number[] = [];
  private readonly seq: number[] = [];
  private readonly items: T[] = [];
  private counter = 0;

  get size(): number {
    return this.items.length;
  }

  /** The smallest `at`, or `undefined` when empty. */
  peekTime(): number | undefined {
    return this.at[0];
  }

  push(at: number, item: T): void {
    let i = this.items.length;
    const seq = this.counter++;
    this.at.push(at);
    this.seq.push(seq);
    this.items.push(item);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.less(at, seq, parent)) break;
      this.move(parent, i);
      i = parent;
    }
    this.set(i, at, seq, item);
  }

  pop(): T | undefined {
    const n = this.items.length;
    if (n === 0) return undefined;
    const top = this.items[0] as T;
    const at = this.at.pop() as number;
    const seq = this.seq.pop() as number;
    const item = this.items.pop() as T;
    if (n > 1) {
      let i = 0;
      const size = n - 1;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= size) break;
        const r = l + 1;
        const c = r < size && this.lessAt(r, l) ? r : l;
        if (!this.lessThan(c, at, seq)) break;
        this.move(c, i);
        i = c;
      }
      this.set(i, at, seq, item);
    }
    return top;
  }

  private less(at: number, seq: number, j: number): boolean {
    const aj = this.at[j] as number;
    return at < aj || (at === aj && seq < (this.seq[j] as number));
  }

  private lessThan(j: number, at: number, seq: number): boolean {
    const aj = this.at[j] as number;
    return aj < at || (aj === at && (this.seq[j] as number) < seq);
  }

  private lessAt(i: number, j: number): boolean {
    return this.lessThan(i, this.at[j] as number, this.seq[j] as number);
  }

  private move(from: number, to: number): void {
    this.at[to] = this.at[from] as number;
    this.seq[to] = this.seq[from] as number;
    this.items[to] = this.items[from] as T;
  }

  private set(i: number, at: number, seq: number, item: T): void {
    this.at[i] = at;
    this.seq[i] = seq;
    this.items[i] = item;
  }
}
