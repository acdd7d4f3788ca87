import { describe, expect, it } from 'vitest';
import { findDuplicates } from './duplicates.js';

describe('findDuplicates', () => {
  it('reports each repeat on the later activity, with both lines, and keeps going', () => {
    const at = (identifier: string, line: number) => ({
      activity: { identifier },
      position: { line, column: 3 },
    });
    const problems = findDuplicates([
      at('A-1', 3),
      at('A-2', 40),
      at('A-1', 90),
      at('', 120),
      at('', 130),
      at('A-1', 200),
    ]);
    expect(problems.map((p) => [p.code, p.severity, p.activity, p.line])).toEqual([
      ['activity.duplicate_identifier', 'error', 'A-1', 90],
      ['activity.duplicate_identifier', 'error', 'A-1', 200],
    ]);
    expect(problems[0]?.message).toContain('line 3');
    expect(problems[0]?.message).toContain('line 90');
  });
});
