import type { IatiProblem } from '../iati.model.js';
import { makeProblem, type ProblemCode } from './problems.js';
import { joinPath, pathOf, type XNode } from './xml.tree.js';

/** What the element builders share while one activity is turned into an IatiActivity. */
export class BuildContext {
  readonly problems: IatiProblem[] = [];
  private noLanguageReported = false;

  constructor(
    /** The activity's `xml:lang`, else the file's (XML inherits it). */
    readonly defaultLang: string | null,
    /** Used for narratives when no language is given anywhere. */
    readonly fallbackLang: string,
  ) {}

  /** Reports a problem about `node`, or about its attribute when `attribute` is given. */
  report(code: ProblemCode, message: string, node: XNode, attribute?: string): void {
    const path = attribute === undefined ? pathOf(node) : joinPath(pathOf(node), `@${attribute}`);
    this.problems.push(makeProblem(code, message, { position: node.position, path }));
  }

  /** Rule 4.1.1 is about the activity, so it is reported once, at its first unlabelled text. */
  reportNoLanguage(node: XNode): void {
    if (this.noLanguageReported) return;
    this.noLanguageReported = true;
    this.report(
      'narrative.no_language',
      `a narrative has no xml:lang and neither the activity nor the file sets a default ` +
        `language: its texts are filed under "${this.fallbackLang}"`,
      node,
    );
  }
}
