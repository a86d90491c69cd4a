import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TimeHeap } from './heap.ts';

describe('TimeHeap', () => {
  it('pops in time order, ties in insertion order', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 50 }), { maxLength: 200 }), (times) => {
        const heap = new TimeHeap<number>();
        times.forEach((t, i) => heap.push(t, i));
        const out: number[] = [];
        for (let i = heap.pop(); i !== undefined; i = heap.pop()) out.push(i);
        const expected = times.map((t, i) => [t, i] as const).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
        expect(out).toEqual(expected.map(([, i]) => i));
      }),
    );
  });

  it('interleaves pushes and pops', () => {
    const heap = new TimeHeap<string>();
    heap.push(5, 'a');
    heap.push(1, 'b');
    expect(heap.peekTime()).toBe(1);
    expect(heap.pop()).toBe('b');
    heap.push(3, 'c');
    expect([heap.pop(), heap.pop(), heap.pop()]).toEqual(['c', 'a', undefined]);
    expect(heap.size).toBe(0);
  });
});
