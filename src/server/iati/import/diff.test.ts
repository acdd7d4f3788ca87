import { describe, expect, it } from 'vitest';
import { diffValues } from './diff.js';

describe('diffValues', () => {
  it('names each changed leaf by its path', () => {
    const before = {
      title: { en: 'Water' },
      transactions: [{ value: { amount: '10' } }, { value: { amount: '5' } }],
    };
    const after = {
      title: { en: 'Water supply' },
      transactions: [{ value: { amount: '10' } }, { value: { amount: '7' } }],
    };
    expect(diffValues(before, after)).toEqual([
      { path: 'title.en', before: 'Water', after: 'Water supply' },
      { path: 'transactions[1].value.amount', before: '5', after: '7' },
    ]);
  });

  it('reports a list that changed length as a whole, and added or removed keys', () => {
    expect(diffValues({ sectors: [1], a: 1 }, { sectors: [1, 2], b: 2 })).toEqual([
      { path: 'sectors', before: [1], after: [1, 2] },
      { path: 'a', before: 1, after: undefined },
      { path: 'b', before: undefined, after: 2 },
    ]);
  });

  it('finds nothing between equal values and stops at the limit', () => {
    expect(diffValues({ x: [1, { y: 2 }] }, { x: [1, { y: 2 }] })).toEqual([]);
    const many = diffValues(
      Array.from({ length: 50 }, (_, i) => i),
      Array.from({ length: 50 }, (_, i) => i + 1),
      10,
    );
    expect(many).toHaveLength(10);
  });
});
