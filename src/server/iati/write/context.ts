import type { IatiProblem, Severity } from '../iati.model.js';

/** Stable problem codes of the writer. */
export type WriteProblemCode =
  /** An element or attribute the 2.03 schema requires has no data: the XML would be invalid. */
  | 'export.required'
  /** A value does not fit its XSD type (date, decimal, URI, language…): the XML would be invalid. */
  | 'export.value'
  /** A value the 2.03 schema has no place for at this position; it is left out of the XML. */
  | 'export.dropped';

/**
 * What one rendering pass carries: the default language (narratives in it are written without
 * `xml:lang`) and the problems found on the way. The writer checks exactly what it writes, in
 * the same walk, so the checks cannot drift away from the output.
 */
export class WriteContext {
  readonly problems: IatiProblem[] = [];
  private readonly path: string[] = [];

  constructor(
    /** The activity's or organisation's `xml:lang`; '' when it declares none. */
    readonly lang: string,
    /** The identifier problems are filed under. */
    readonly subject: string | null,
  ) {}

  /** Runs `render` one step deeper in the path, e.g. `transaction[3]`. */
  within<T>(step: string, render: () => T): T {
    this.path.push(step);
    try {
      return render();
    } finally {
      this.path.pop();
    }
  }

  report(severity: Severity, code: WriteProblemCode, message: string, leaf?: string): void {
    const steps = leaf === undefined ? this.path : [...this.path, leaf];
    this.problems.push({
      severity,
      code,
      message,
      activity: this.subject,
      line: null,
      column: null,
      path: steps.length > 0 ? steps.join('/') : null,
    });
  }

  /** Whether a problem makes the XML invalid (warnings only mean data was left out). */
  get blocked(): boolean {
    return this.problems.some((p) => p.severity !== 'warning');
  }
}

/** Renders each item of `list` at `name[i]` (1-based, as XPath counts) and joins the results. */
export function each<T>(
  ctx: WriteContext,
  name: string,
  list: readonly T[],
  render: (item: T) => string,
): string {
  let out = '';
  for (const [i, item] of list.entries()) {
    out += ctx.within(`${name}[${i + 1}]`, () => render(item));
  }
  return out;
}
