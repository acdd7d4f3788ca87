/**
 * The element tree of an IATI 2.03 `iati-activity` (read from iati-activities-schema.xsd and
 * iati-common.xsd), used to tell known elements from unknown ones, singletons from repeatable
 * ones, and known attributes from stray ones. 2.01 and 2.02 use a subset of it (2.03 only made
 * elements repeatable or added new ones), so one tree reads all three versions.
 */
export interface ElementSpec {
  /** maxOccurs > 1 in the schema. */
  readonly repeat: boolean;
  readonly attrs: ReadonlySet<string>;
  readonly children: ReadonlyMap<string, ElementSpec>;
}

function el(attrs: string, children: Record<string, ElementSpec> = {}): ElementSpec {
  return {
    repeat: false,
    attrs: new Set(attrs.split(' ').filter((a) => a !== '')),
    children: new Map(Object.entries(children)),
  };
}

function many(spec: ElementSpec): ElementSpec {
  return { ...spec, repeat: true };
}

const NARRATIVE = many(el('xml:lang'));
/** An element whose text is held in `narrative` children. */
const text = (attrs = ''): ElementSpec => el(attrs, { narrative: NARRATIVE });
const code = (attrs = 'code'): ElementSpec => el(attrs);
const date = el('iso-date');
const VALUE = el('currency value-date');

const DOCUMENT_LINK = many(
  el('url format', {
    title: text(),
    description: text(),
    category: many(code()),
    language: many(code()),
    'document-date': date,
  }),
);

const ORG_TRANSFER = (side: 'provider' | 'receiver'): ElementSpec =>
  text(`ref type ${side}-activity-id`);

const LOCATION_REF = many(el('ref'));
const DIMENSION = many(el('name value'));

const PERIOD_VALUE = many(
  el('value', {
    location: LOCATION_REF,
    dimension: DIMENSION,
    comment: text(),
    'document-link': DOCUMENT_LINK,
  }),
);

const INDICATOR = many(
  el('measure ascending aggregation-status', {
    title: text(),
    description: text(),
    'document-link': DOCUMENT_LINK,
    reference: many(el('vocabulary code indicator-uri')),
    baseline: many(
      el('iso-date year value', {
        location: LOCATION_REF,
        dimension: DIMENSION,
        'document-link': DOCUMENT_LINK,
        comment: text(),
      }),
    ),
    period: many(
      el('', {
        'period-start': date,
        'period-end': date,
        target: PERIOD_VALUE,
        actual: PERIOD_VALUE,
      }),
    ),
  }),
);

export const ACTIVITY_SPEC: ElementSpec = el(
  'last-updated-datetime xml:lang default-currency humanitarian hierarchy linked-data-uri budget-not-provided',
  {
    'iati-identifier': el(''),
    'reporting-org': text('ref type secondary-reporter'),
    title: text(),
    description: many(text('type')),
    'participating-org': many(text('ref type role activity-id crs-channel-code')),
    'other-identifier': many(el('ref type', { 'owner-org': text('ref') })),
    'activity-status': code(),
    'activity-date': many(text('type iso-date')),
    'contact-info': many(
      el('type', {
        organisation: text(),
        department: text(),
        'person-name': text(),
        'job-title': text(),
        telephone: many(el('')),
        email: many(el('')),
        website: many(el('')),
        'mailing-address': many(text()),
      }),
    ),
    'activity-scope': code(),
    'recipient-country': many(text('code percentage')),
    'recipient-region': many(text('code vocabulary vocabulary-uri percentage')),
    location: many(
      el('ref', {
        'location-reach': code(),
        'location-id': many(code('code vocabulary')),
        name: text(),
        description: text(),
        'activity-description': text(),
        administrative: many(code('code vocabulary level')),
        point: el('srsName', { pos: el('') }),
        exactness: code(),
        'location-class': code(),
        'feature-designation': code(),
      }),
    ),
    sector: many(text('vocabulary vocabulary-uri code percentage')),
    tag: many(text('code vocabulary vocabulary-uri')),
    'country-budget-items': el('vocabulary', {
      'budget-item': many(el('code percentage', { description: text() })),
    }),
    'humanitarian-scope': many(text('type vocabulary vocabulary-uri code')),
    'policy-marker': many(text('vocabulary vocabulary-uri code significance')),
    'collaboration-type': code(),
    'default-flow-type': code(),
    'default-finance-type': code(),
    'default-aid-type': many(code('code vocabulary')),
    'default-tied-status': code(),
    budget: many(el('type status', { 'period-start': date, 'period-end': date, value: VALUE })),
    'planned-disbursement': many(
      el('type', {
        'period-start': date,
        'period-end': date,
        value: VALUE,
        'provider-org': ORG_TRANSFER('provider'),
        'receiver-org': ORG_TRANSFER('receiver'),
      }),
    ),
    'capital-spend': el('percentage'),
    transaction: many(
      el('ref humanitarian', {
        'transaction-type': code(),
        'transaction-date': date,
        value: VALUE,
        description: text(),
        'provider-org': ORG_TRANSFER('provider'),
        'receiver-org': ORG_TRANSFER('receiver'),
        'disbursement-channel': code(),
        sector: many(text('vocabulary vocabulary-uri code')),
        'recipient-country': text('code'),
        'recipient-region': text('code vocabulary vocabulary-uri'),
        'flow-type': code(),
        'finance-type': code(),
        'aid-type': many(code('code vocabulary')),
        'tied-status': code(),
      }),
    ),
    'document-link': DOCUMENT_LINK,
    'related-activity': many(el('ref type')),
    'legacy-data': many(el('name value iati-equivalent')),
    conditions: el('attached', { condition: many(text('type')) }),
    result: many(
      el('type aggregation-status', {
        title: text(),
        description: text(),
        'document-link': DOCUMENT_LINK,
        reference: many(el('code vocabulary vocabulary-uri')),
        indicator: INDICATOR,
      }),
    ),
    'crs-add': el('', {
      'other-flags': many(code('code significance')),
      'loan-terms': el('rate-1 rate-2', {
        'repayment-type': code(),
        'repayment-plan': code(),
        'commitment-date': date,
        'repayment-first-date': date,
        'repayment-final-date': date,
      }),
      'loan-status': el('year currency value-date', {
        'interest-received': el(''),
        'principal-outstanding': el(''),
        'principal-arrears': el(''),
        'interest-arrears': el(''),
      }),
      'channel-code': el(''),
    }),
    fss: el('extraction-date priority phaseout-year', {
      forecast: many(el('year currency value-date')),
    }),
  },
);

/** Attributes that any element may carry: XML's own and namespace declarations. */
export function isForeignAttribute(name: string): boolean {
  return name.includes(':') || name === 'xmlns';
}
