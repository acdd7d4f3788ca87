import type { IatiProblem, SourcePosition } from '../iati.model.js';
import { makeProblem } from './problems.js';
import { detached } from './xml.tree.js';

/**
 * Finds identifiers seen before in the same file. Each identifier is remembered with its line, so
 * memory grows by one short string per activity: the one thing in the parser that is not constant.
 */
export class DuplicateFinder {
  private readonly seen = new Map<string, number>();

  /** The problem for the second (third…) activity with this identifier, or null. */
  check(identifier: string, position: SourcePosition): IatiProblem | null {
    if (identifier === '') return null; // reported as activity.identifier_missing instead
    const first = this.seen.get(identifier);
    if (first === undefined) {
      this.seen.set(detached(identifier), position.line);
      return null;
    }
    return makeProblem(
      'activity.duplicate_identifier',
      `iati-identifier "${identifier}" is used by the activity at line ${first} and again by ` +
        `this one at line ${position.line}: both are kept, decide which one is right`,
      { position, path: 'iati-identifier', activity: identifier },
    );
  }
}

/** Duplicate-identifier problems for a whole file's activities, in file order. */
export function findDuplicates(
  activities: Iterable<{ activity: { identifier: string }; position: SourcePosition }>,
): IatiProblem[] {
  const finder = new DuplicateFinder();
  const problems: IatiProblem[] = [];
  for (const a of activities) {
    const p = finder.check(a.activity.identifier, a.position);
    if (p) problems.push(p);
  }
  return problems;
}
