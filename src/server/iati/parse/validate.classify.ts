import type { IatiActivity } from '../iati.model.js';
import { nth, type Checker } from './validate.checker.js';
import { vocabularyOf } from './validate.shares.js';

/** Rules 6.2.2, 6.6.2 and 6.7.2 (sectors) or 3.6.2, 3.7.1 and 3.7.2 (recipients). */
function checkLevels(
  c: Checker,
  activityLevel: boolean,
  perTransaction: readonly boolean[],
  kind: 'sector' | 'recipient',
): void {
  const what = kind === 'sector' ? 'sector' : 'recipient country or region';
  const withIt = perTransaction.filter(Boolean).length;
  const firstWith = perTransaction.indexOf(true);
  const firstWithout = perTransaction.indexOf(false);
  if (activityLevel && withIt > 0)
    c.add(
      kind === 'sector' ? 'sector.both_levels' : 'recipient.both_levels',
      `${what} is given both for the activity and for transactions: use one level only`,
      nth('transaction', firstWith),
    );
  else if (!activityLevel && withIt === 0)
    c.add(
      kind === 'sector' ? 'sector.missing' : 'recipient.missing',
      `the activity needs a ${what}, for the activity or for every transaction`,
      '',
    );
  else if (!activityLevel && withIt < perTransaction.length)
    c.add(
      kind === 'sector' ? 'sector.not_all_transactions' : 'recipient.not_all_transactions',
      `${what} is given for some transactions only: give it for all of them`,
      nth('transaction', firstWithout),
    );
}

/** Rules 107.x: an aid type from the OECD DAC vocabulary, and one code per vocabulary. */
function checkAidTypes(
  c: Checker,
  aidTypes: readonly { code: string; vocabulary: string | null }[],
  path: string,
  name: string,
): void {
  if (aidTypes.length === 0) return;
  if (!aidTypes.some((t) => vocabularyOf(t.vocabulary) === '1'))
    c.add(
      'aid_type.no_dac_vocabulary',
      `${name} should include a code from vocabulary 1 (OECD DAC)`,
      `${path}${nth(name, 0)}`,
    );
  const seen = new Set<string>();
  aidTypes.forEach((t, i) => {
    const v = vocabularyOf(t.vocabulary);
    if (t.code === '')
      c.add('field.missing', `${name} needs a @code`, `${path}${nth(name, i)}/@code`);
    if (seen.has(v))
      c.add(
        'aid_type.repeated_vocabulary',
        `more than one ${name} in vocabulary ${v}`,
        `${path}${nth(name, i)}`,
      );
    seen.add(v);
  });
}

export function checkClassifications(a: IatiActivity, c: Checker): void {
  checkLevels(
    c,
    a.sectors.length > 0,
    a.transactions.map((t) => t.sectors.length > 0),
    'sector',
  );
  checkLevels(
    c,
    a.recipientCountries.length + a.recipientRegions.length > 0,
    a.transactions.map((t) => t.recipientCountry !== null || t.recipientRegion !== null),
    'recipient',
  );
  a.sectors.forEach((s, i) => {
    const path = nth('sector', i);
    if (s.code === '') c.add('field.missing', 'sector needs a @code', `${path}/@code`);
    if ((s.vocabulary === '98' || s.vocabulary === '99') && Object.keys(s.narrative).length === 0)
      c.add(
        'sector.narrative_missing',
        `a sector of the reporting organisation's own vocabulary (${s.vocabulary}) needs a narrative`,
        path,
      );
  });
  if (a.sectors.length > 0 && !a.sectors.some((s) => vocabularyOf(s.vocabulary) === '1'))
    c.add(
      'sector.no_dac_vocabulary',
      'with other sector vocabularies, a sector from vocabulary 1 (OECD DAC) should be given too',
      nth('sector', 0),
    );
  a.recipientCountries.forEach((r, i) => {
    if (r.code === '')
      c.add(
        'field.missing',
        'recipient-country needs a @code',
        `${nth('recipient-country', i)}/@code`,
      );
  });
  a.recipientRegions.forEach((r, i) => {
    if (r.code === '')
      c.add(
        'field.missing',
        'recipient-region needs a @code',
        `${nth('recipient-region', i)}/@code`,
      );
  });
  checkAidTypes(c, a.defaultAidTypes, '', 'default-aid-type');
  a.transactions.forEach((t, i) =>
    checkAidTypes(c, t.aidTypes, `${nth('transaction', i)}/`, 'aid-type'),
  );
  a.policyMarkers.forEach((m, i) => {
    const path = nth('policy-marker', i);
    if (m.code === '') c.add('field.missing', 'policy-marker needs a @code', `${path}/@code`);
    if (vocabularyOf(m.vocabulary) === '1' && m.significance === null)
      c.add(
        'policy_marker.significance_missing',
        'an OECD DAC policy marker (vocabulary 1) needs a @significance',
        path,
      );
    if (m.vocabulary === '99' && Object.keys(m.narrative).length === 0)
      c.add(
        'policy_marker.narrative_missing',
        "a policy marker of the reporting organisation's own vocabulary (99) needs a narrative",
        path,
      );
  });
  a.tags.forEach((t, i) => {
    const path = nth('tag', i);
    if (t.vocabulary === '')
      c.add('field.missing', 'tag needs a @vocabulary', `${path}/@vocabulary`);
    if (t.code === '') c.add('field.missing', 'tag needs a @code', `${path}/@code`);
  });
  a.locations.forEach((l, i) => {
    const path = nth('location', i);
    for (const [name, list] of [
      ['location-id', l.locationIds],
      ['administrative', l.administrative],
    ] as const)
      list.forEach((item, j) => {
        const ipath = `${path}/${nth(name, j)}`;
        if (item.code === '') c.add('field.missing', `${name} needs a @code`, `${ipath}/@code`);
        if (item.vocabulary === '')
          c.add('field.missing', `${name} needs a @vocabulary`, `${ipath}/@vocabulary`);
      });
    if (l.point && (Math.abs(l.point.lat) > 90 || Math.abs(l.point.lon) > 180))
      c.add(
        'location.point_out_of_range',
        `point ${l.point.lat} ${l.point.lon} is not a latitude (±90) and longitude (±180): were they swapped?`,
        `${path}/point/pos`,
      );
  });
}
