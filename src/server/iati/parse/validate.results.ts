import type { IatiActivity } from '../iati.model.js';
import { isDecimal } from './values.js';
import { nth, type Checker } from './validate.checker.js';

const QUANTITATIVE = new Set(['1', '2', '3', '4']);
const QUALITATIVE = '5';

/** Rules 8.8.x (baseline), 8.9.x (target) and 8.10.x (actual): values follow the measure. */
function checkMeasured(
  c: Checker,
  measure: string,
  value: string | null,
  path: string,
  what: string,
) {
  if (QUANTITATIVE.has(measure)) {
    if (value === null)
      c.add(
        'result.value_missing',
        `the ${what} needs a @value: the indicator is quantitative (measure ${measure})`,
        path,
      );
    else if (!isDecimal(value))
      c.add(
        'result.value_not_numeric',
        `the ${what} value "${value}" should be a number (measure ${measure})`,
        `${path}/@value`,
      );
  } else if (measure === QUALITATIVE && value !== null) {
    c.add(
      'result.value_qualitative',
      `the ${what} of a qualitative indicator should have no @value`,
      `${path}/@value`,
    );
  }
}

export function checkResults(a: IatiActivity, c: Checker): void {
  a.results.forEach((r, i) => {
    const rpath = nth('result', i);
    if (r.type === '') c.add('field.missing', 'result needs a @type', `${rpath}/@type`);
    if (r.indicators.length === 0)
      c.add('field.missing', 'result needs at least one indicator', `${rpath}/indicator`);
    r.indicators.forEach((ind, j) => {
      const ipath = `${rpath}/${nth('indicator', j)}`;
      if (ind.measure === '')
        c.add('field.missing', 'indicator needs a @measure', `${ipath}/@measure`);
      ind.references.forEach((ref, k) => {
        const path = `${ipath}/${nth('reference', k)}`;
        if (ref.vocabulary === '')
          c.add('field.missing', 'reference needs a @vocabulary', `${path}/@vocabulary`);
        if (ref.code === '') c.add('field.missing', 'reference needs a @code', `${path}/@code`);
      });
      ind.baselines.forEach((b, k) => {
        const bpath = `${ipath}/${nth('baseline', k)}`;
        // xsd:positiveInteger; the reader reports a missing @year.
        if (b.year !== null && !/^\+?0*[1-9]\d*$/.test(b.year))
          c.add(
            'value.integer_invalid',
            `baseline year "${b.year}" is not a year`,
            `${bpath}/@year`,
          );
        checkMeasured(c, ind.measure, b.value, bpath, 'baseline');
      });
      ind.periods.forEach((p, k) => {
        const ppath = `${ipath}/${nth('period', k)}`;
        for (const [list, name] of [
          [p.targets, 'target'],
          [p.actuals, 'actual'],
        ] as const)
          list.forEach((v, m) => {
            const vpath = `${ppath}/${nth(name, m)}`;
            checkMeasured(c, ind.measure, v.value, vpath, name);
            v.dimensions.forEach((d, n) => {
              const dpath = `${vpath}/${nth('dimension', n)}`;
              if (d.name === '')
                c.add('field.missing', 'dimension needs a @name', `${dpath}/@name`);
              if (d.value === '')
                c.add('field.missing', 'dimension needs a @value', `${dpath}/@value`);
            });
          });
      });
    });
  });
}
