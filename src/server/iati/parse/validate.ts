import type { IatiActivity, IatiProblem } from '../iati.model.js';
import { Checker, type ValidateContext } from './validate.checker.js';
import { checkClassifications } from './validate.classify.js';
import { checkCodelists } from './validate.codelists.js';
import { checkDates } from './validate.dates.js';
import { checkFinance } from './validate.finance.js';
import { checkIdentity } from './validate.identity.js';
import { checkResults } from './validate.results.js';
import { checkShares } from './validate.shares.js';
import { checkTexts } from './validate.text.js';

export type { ValidateContext } from './validate.checker.js';

/**
 * Checks one activity against the IATI 2.03 codelists and the rules of the IATI Standard
 * ruleset that apply to activities (rulesets/standard.json), plus what the importer needs to
 * store it. Works on any IatiActivity (parsed or edited); with `positions` from the parser each
 * problem points at its element. PROBLEMS.md lists the codes.
 */
export function validateActivity(a: IatiActivity, ctx: ValidateContext): IatiProblem[] {
  const c = new Checker(ctx, a.identifier === '' ? null : a.identifier);
  checkIdentity(a, c);
  checkTexts(a, c);
  checkDates(a, c);
  checkFinance(a, c);
  checkShares(a, c);
  checkClassifications(a, c);
  checkResults(a, c);
  checkCodelists(a, c);
  return c.problems;
}
