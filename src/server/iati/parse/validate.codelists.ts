import type { IatiActivity, Narratives } from '../iati.model.js';
import { nth, type Checker } from './validate.checker.js';
import { vocabularyOf } from './validate.shares.js';

/** [codelist, code as written, path of the attribute]; a null or '' code is not checked here. */
type Coded = readonly [string, string | null, string];

/** Codelists for the codes of each vocabulary the validator knows; other vocabularies are not checked. */
const SECTOR_LISTS: Record<string, string> = { '1': 'Sector', '2': 'SectorCategory' };
const REGION_LISTS: Record<string, string> = { '1': 'Region' };
const POLICY_LISTS: Record<string, string> = { '1': 'PolicyMarker' };
const AID_TYPE_LISTS: Record<string, string> = {
  '1': 'AidType',
  '2': 'EarmarkingCategory',
  '4': 'CashandVoucherModalities',
};
const TAG_LISTS: Record<string, string> = { '2': 'UNSDG-Goals', '3': 'UNSDG-Targets' };

function byVocabulary(
  lists: Record<string, string>,
  vocabulary: string | null,
  code: string,
  path: string,
): Coded[] {
  const list = lists[vocabularyOf(vocabulary)];
  return list ? [[list, code, path]] : [];
}

function* activityCodes(a: IatiActivity): Generator<Coded> {
  yield ['Language', a.defaultLang, '@xml:lang'];
  yield ['Currency', a.defaultCurrency, '@default-currency'];
  yield ['OrganisationType', a.reportingOrg.type, 'reporting-org/@type'];
  for (const [i, d] of a.descriptions.entries())
    yield ['DescriptionType', d.type, `${nth('description', i)}/@type`];
  for (const [i, o] of a.participatingOrgs.entries()) {
    const path = nth('participating-org', i);
    yield ['OrganisationRole', o.role, `${path}/@role`];
    yield ['OrganisationType', o.type, `${path}/@type`];
    yield ['CRSChannelCode', o.crsChannelCode, `${path}/@crs-channel-code`];
  }
  yield ['ActivityStatus', a.status, 'activity-status/@code'];
  for (const [i, d] of a.dates.entries())
    yield ['ActivityDateType', d.type, `${nth('activity-date', i)}/@type`];
  for (const [i, ct] of a.contacts.entries())
    yield ['ContactType', ct.type, `${nth('contact-info', i)}/@type`];
  yield ['ActivityScope', a.scope, 'activity-scope/@code'];
  for (const [i, r] of a.recipientCountries.entries())
    yield ['Country', r.code, `${nth('recipient-country', i)}/@code`];
  for (const [i, r] of a.recipientRegions.entries()) {
    const path = nth('recipient-region', i);
    yield ['RegionVocabulary', r.vocabulary, `${path}/@vocabulary`];
    yield* byVocabulary(REGION_LISTS, r.vocabulary, r.code, `${path}/@code`);
  }
  for (const [i, l] of a.locations.entries()) {
    const path = nth('location', i);
    yield ['GeographicLocationReach', l.reach, `${path}/location-reach/@code`];
    for (const [j, id] of l.locationIds.entries())
      yield ['GeographicVocabulary', id.vocabulary, `${path}/${nth('location-id', j)}/@vocabulary`];
    for (const [j, ad] of l.administrative.entries())
      yield [
        'GeographicVocabulary',
        ad.vocabulary,
        `${path}/${nth('administrative', j)}/@vocabulary`,
      ];
    yield ['GeographicExactness', l.exactness, `${path}/exactness/@code`];
    yield ['GeographicLocationClass', l.locationClass, `${path}/location-class/@code`];
    yield ['LocationType', l.featureDesignation, `${path}/feature-designation/@code`];
  }
  for (const [i, s] of a.sectors.entries()) {
    const path = nth('sector', i);
    yield ['SectorVocabulary', s.vocabulary, `${path}/@vocabulary`];
    yield* byVocabulary(SECTOR_LISTS, s.vocabulary, s.code, `${path}/@code`);
  }
  for (const [i, t] of a.tags.entries()) {
    const path = nth('tag', i);
    yield ['TagVocabulary', t.vocabulary, `${path}/@vocabulary`];
    const list = TAG_LISTS[t.vocabulary];
    if (list) yield [list, t.code, `${path}/@code`];
  }
  for (const [i, m] of a.policyMarkers.entries()) {
    const path = nth('policy-marker', i);
    yield ['PolicyMarkerVocabulary', m.vocabulary, `${path}/@vocabulary`];
    yield* byVocabulary(POLICY_LISTS, m.vocabulary, m.code, `${path}/@code`);
    yield ['PolicySignificance', m.significance, `${path}/@significance`];
  }
  yield ['CollaborationType', a.collaborationType, 'collaboration-type/@code'];
  yield ['FlowType', a.defaultFlowType, 'default-flow-type/@code'];
  yield ['FinanceType', a.defaultFinanceType, 'default-finance-type/@code'];
  yield* aidTypeCodes(a.defaultAidTypes, '', 'default-aid-type');
  yield ['TiedStatus', a.defaultTiedStatus, 'default-tied-status/@code'];
}

function* aidTypeCodes(
  types: IatiActivity['defaultAidTypes'],
  prefix: string,
  name: string,
): Generator<Coded> {
  for (const [i, t] of types.entries()) {
    const path = `${prefix}${nth(name, i)}`;
    yield ['AidTypeVocabulary', t.vocabulary, `${path}/@vocabulary`];
    yield* byVocabulary(AID_TYPE_LISTS, t.vocabulary, t.code, `${path}/@code`);
  }
}

function* financeCodes(a: IatiActivity): Generator<Coded> {
  for (const [i, b] of a.budgets.entries()) {
    const path = nth('budget', i);
    yield ['BudgetType', b.type, `${path}/@type`];
    yield ['BudgetStatus', b.status, `${path}/@status`];
    yield ['Currency', b.value.currency, `${path}/value/@currency`];
  }
  for (const [i, d] of a.plannedDisbursements.entries()) {
    const path = nth('planned-disbursement', i);
    yield ['BudgetType', d.type, `${path}/@type`];
    yield ['Currency', d.value.currency, `${path}/value/@currency`];
    yield ['OrganisationType', d.provider?.type ?? null, `${path}/provider-org/@type`];
    yield ['OrganisationType', d.receiver?.type ?? null, `${path}/receiver-org/@type`];
  }
  for (const [i, t] of a.transactions.entries()) {
    const path = nth('transaction', i);
    yield ['TransactionType', t.type, `${path}/transaction-type/@code`];
    yield ['Currency', t.value.currency, `${path}/value/@currency`];
    yield ['OrganisationType', t.provider?.type ?? null, `${path}/provider-org/@type`];
    yield ['OrganisationType', t.receiver?.type ?? null, `${path}/receiver-org/@type`];
    yield ['DisbursementChannel', t.disbursementChannel, `${path}/disbursement-channel/@code`];
    for (const [j, s] of t.sectors.entries()) {
      const spath = `${path}/${nth('sector', j)}`;
      yield ['SectorVocabulary', s.vocabulary, `${spath}/@vocabulary`];
      yield* byVocabulary(SECTOR_LISTS, s.vocabulary, s.code, `${spath}/@code`);
    }
    yield ['Country', t.recipientCountry, `${path}/recipient-country/@code`];
    if (t.recipientRegion) {
      const r = t.recipientRegion;
      yield ['RegionVocabulary', r.vocabulary, `${path}/recipient-region/@vocabulary`];
      yield* byVocabulary(REGION_LISTS, r.vocabulary, r.code, `${path}/recipient-region/@code`);
    }
    yield ['FlowType', t.flowType, `${path}/flow-type/@code`];
    yield ['FinanceType', t.financeType, `${path}/finance-type/@code`];
    yield* aidTypeCodes(t.aidTypes, `${path}/`, 'aid-type');
    yield ['TiedStatus', t.tiedStatus, `${path}/tied-status/@code`];
  }
}

function* otherCodes(a: IatiActivity): Generator<Coded> {
  for (const [i, d] of a.documentLinks.entries()) {
    const path = nth('document-link', i);
    yield ['FileFormat', d.format, `${path}/@format`];
    for (const [j, code] of d.categories.entries())
      yield ['DocumentCategory', code, `${path}/${nth('category', j)}/@code`];
    for (const [j, code] of d.languages.entries())
      yield ['Language', code, `${path}/${nth('language', j)}/@code`];
  }
  for (const [i, r] of a.relatedActivities.entries())
    yield ['RelatedActivityType', r.type, `${nth('related-activity', i)}/@type`];
  for (const [i, item] of (a.conditions?.items ?? []).entries())
    yield ['ConditionType', item.type, `conditions/${nth('condition', i)}/@type`];
  for (const [i, r] of a.results.entries()) {
    const path = nth('result', i);
    yield ['ResultType', r.type, `${path}/@type`];
    for (const [j, ind] of r.indicators.entries()) {
      const ipath = `${path}/${nth('indicator', j)}`;
      yield ['IndicatorMeasure', ind.measure, `${ipath}/@measure`];
      for (const [k, ref] of ind.references.entries())
        yield [
          'IndicatorVocabulary',
          ref.vocabulary,
          `${ipath}/${nth('reference', k)}/@vocabulary`,
        ];
    }
  }
}

/** Every Narratives of the activity, wherever the model holds one. */
function* allNarratives(a: IatiActivity): Generator<Narratives> {
  yield a.reportingOrg.name;
  yield a.title;
  for (const d of a.descriptions) yield d.narrative;
  for (const o of a.participatingOrgs) yield o.name;
  for (const d of a.dates) yield d.narrative;
  for (const ct of a.contacts) {
    yield* [ct.organisation, ct.department, ct.personName, ct.jobTitle, ct.mailingAddress];
  }
  for (const r of [...a.recipientCountries, ...a.recipientRegions, ...a.sectors]) yield r.narrative;
  for (const l of a.locations) yield* [l.name, l.description, l.activityDescription];
  for (const t of [...a.tags, ...a.policyMarkers]) yield t.narrative;
  for (const d of a.plannedDisbursements) {
    if (d.provider) yield d.provider.name;
    if (d.receiver) yield d.receiver.name;
  }
  for (const t of a.transactions) {
    yield t.description;
    if (t.provider) yield t.provider.name;
    if (t.receiver) yield t.receiver.name;
    for (const s of t.sectors) yield s.narrative;
  }
  for (const d of a.documentLinks) yield* [d.title, d.description];
  for (const item of a.conditions?.items ?? []) yield item.narrative;
  for (const r of a.results) {
    yield* [r.title, r.description];
    for (const ind of r.indicators) {
      yield* [ind.title, ind.description];
      for (const b of ind.baselines) yield b.comment;
      for (const p of ind.periods) for (const v of [...p.targets, ...p.actuals]) yield v.comment;
    }
  }
}

/** Languages used by narratives, once each (they are checked against the Language codelist). */
export function narrativeLanguages(a: IatiActivity): Set<string> {
  const langs = new Set<string>();
  for (const n of allNarratives(a)) for (const lang in n) langs.add(lang);
  return langs;
}

function checkCode(c: Checker, [listName, code, path]: Coded): void {
  if (code === null || code === '') return;
  const list = c.ctx.codelists.get(listName);
  if (!list) return;
  const status = list.codes.get(code);
  if (status === 'withdrawn')
    c.add(
      'codelist.withdrawn',
      `code "${code}" has been withdrawn from the ${listName} codelist`,
      path,
    );
  else if (status === undefined)
    c.add(
      list.complete ? 'codelist.unknown' : 'codelist.unknown_open',
      `"${code}" is not in the ${listName} codelist`,
      path,
    );
}

/** Every coded field against the 2.03 codelists. */
export function checkCodelists(a: IatiActivity, c: Checker): void {
  for (const coded of activityCodes(a)) checkCode(c, coded);
  for (const coded of financeCodes(a)) checkCode(c, coded);
  for (const coded of otherCodes(a)) checkCode(c, coded);
  for (const lang of narrativeLanguages(a))
    if (lang !== a.defaultLang) checkCode(c, ['Language', lang, '']);
}
