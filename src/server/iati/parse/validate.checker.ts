import type { IatiProblem, SourcePosition } from '../iati.model.js';
import type { CodelistIndex } from './codelists.js';
import { isoDay } from './dates.js';
import { makeProblem, type ProblemCode } from './problems.js';
import type { ElementPositions } from './xml.tree.js';

export interface ValidateContext {
  codelists: CodelistIndex;
  /** Element positions by path, as ParsedActivity.positions has them. */
  positions?: ElementPositions;
  /** Where the activity starts: the position of problems whose element is not in `positions`. */
  position?: SourcePosition;
  /** "Now" for the not-in-the-future rules. Default: the current time. */
  now?: Date;
}

/** `transaction[3]`: the path step of the i-th (0-based) element of a repeatable kind. */
export function nth(name: string, index: number): string {
  return `${name}[${index + 1}]`;
}

/** Collects one activity's problems, placing each at the element its path names. */
export class Checker {
  readonly problems: IatiProblem[] = [];
  /** Today in the earliest time zone: a date after it is in the future everywhere. */
  readonly today: string;

  constructor(
    readonly ctx: ValidateContext,
    private readonly activity: string | null,
  ) {
    this.today = isoDay(ctx.now ?? new Date());
  }

  /** `path` as in problems: elements, then optionally `/@attribute`. */
  add(code: ProblemCode, message: string, path: string): void {
    this.problems.push(
      makeProblem(code, message, {
        position: this.positionOf(path),
        path: path === '' ? null : path,
        activity: this.activity,
      }),
    );
  }

  /** The closest element on the path that was read: the attribute's element, its parent… */
  private positionOf(path: string): SourcePosition | null {
    const steps = path.split('/').filter((s) => !s.startsWith('@') && s !== '');
    for (let n = steps.length; n > 0; n--) {
      const found = this.ctx.positions?.get(steps.slice(0, n).join('/'));
      if (found) return found;
    }
    return this.ctx.position ?? null;
  }
}
