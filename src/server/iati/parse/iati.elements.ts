/**
 * The element tree of an IATI 2.03 `iati-activity`, read from iati-activities-schema.xsd and
 * iati-common.xsd: which elements are known, which repeat, which must be present, which
 * attributes they have (a trailing `!` marks a required one) and which hold text. The reader uses
 * it to report unknown, repeated and missing elements and attributes without a schema validator.
 * 2.01 and 2.02 fit in it (2.03 only made elements repeatable or added new ones), so one tree
 * reads all three versions. Element order is not checked.
 */
export interface ElementSpec {
  /** maxOccurs > 1 in the schema. */
  readonly repeat: boolean;
  /** minOccurs ≥ 1 in the schema. */
  readonly required: boolean;
  /** Holds character data (xsd simple content), as opposed to child elements only. */
  readonly text: boolean;
  readonly attrs: ReadonlySet<string>;
  readonly requiredAttrs: readonly string[];
  readonly children: ReadonlyMap<string, ElementSpec>;
  /** Names of the children with `required`, for the check when the element closes. */
  readonly requiredChildren: readonly string[];
}

function el(attrs: string, children: Record<string, ElementSpec> = {}): ElementSpec {
  const names = attrs.split(' ').filter((a) => a !== '');
  return {
    repeat: false,
    required: false,
    text: false,
    attrs: new Set(names.map((a) => a.replace(/!$/, ''))),
    requiredAttrs: names.filter((a) => a.endsWith('!')).map((a) => a.slice(0, -1)),
    children: new Map(Object.entries(children)),
    requiredChildren: Object.entries(children)
      .filter(([, c]) => c.required)
      .map(([name]) => name),
  };
}

const many = (spec: ElementSpec): ElementSpec => ({ ...spec, repeat: true });
const req = (spec: ElementSpec): ElementSpec => ({ ...spec, required: true });
const chars = (attrs = ''): ElementSpec => ({ ...el(attrs), text: true });

const NARRATIVE = many(chars('xml:lang'));
/** textRequiredType: at least one narrative. */
const text = (attrs = ''): ElementSpec => el(attrs, { narrative: req(NARRATIVE) });
/** textType and the like: narratives allowed, none required. */
const optText = (attrs = ''): ElementSpec => el(attrs, { narrative: NARRATIVE });
const code = (attrs = 'code!'): ElementSpec => el(attrs);
const DATE = el('iso-date!');
const VALUE = chars('currency value-date!');

const DOCUMENT_LINK = many(
  el('url! format!', {
    title: req(text()),
    description: text(),
    category: req(many(code())),
    language: many(code()),
    'document-date': DATE,
  }),
);

const transferOrg = (side: 'provider' | 'receiver'): ElementSpec =>
  optText(`ref type ${side}-activity-id`);

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

const INDICATOR = req(
  many(
    el('measure! ascending aggregation-status', {
      title: req(text()),
      description: text(),
      'document-link': DOCUMENT_LINK,
      reference: many(el('vocabulary! code! indicator-uri')),
      baseline: many(
        el('iso-date year! value', {
          location: LOCATION_REF,
          dimension: DIMENSION,
          'document-link': DOCUMENT_LINK,
          comment: text(),
        }),
      ),
      period: many(
        el('', {
          'period-start': req(DATE),
          'period-end': req(DATE),
          target: PERIOD_VALUE,
          actual: PERIOD_VALUE,
        }),
      ),
    }),
  ),
);

const TRANSACTION = many(
  el('ref humanitarian', {
    'transaction-type': req(code()),
    'transaction-date': req(DATE),
    value: req(VALUE),
    description: text(),
    'provider-org': transferOrg('provider'),
    'receiver-org': transferOrg('receiver'),
    'disbursement-channel': code(),
    sector: many(optText('vocabulary vocabulary-uri code!')),
    'recipient-country': optText('code!'),
    'recipient-region': optText('code! vocabulary vocabulary-uri'),
    'flow-type': code(),
    'finance-type': code(),
    'aid-type': many(code('code! vocabulary')),
    'tied-status': code(),
  }),
);

const CRS_ADD = el('', {
  'other-flags': many(code('code! significance!')),
  'loan-terms': el('rate-1 rate-2', {
    'repayment-type': code(),
    'repayment-plan': code(),
    'commitment-date': DATE,
    'repayment-first-date': DATE,
    'repayment-final-date': DATE,
  }),
  'loan-status': el('year! currency value-date!', {
    'interest-received': chars(),
    'principal-outstanding': chars(),
    'principal-arrears': chars(),
    'interest-arrears': chars(),
  }),
  'channel-code': chars(),
});

export const ACTIVITY_SPEC: ElementSpec = el(
  'last-updated-datetime xml:lang default-currency humanitarian hierarchy linked-data-uri budget-not-provided',
  {
    'iati-identifier': req(chars()),
    'reporting-org': req(text('ref! type! secondary-reporter')),
    title: req(text()),
    description: req(many(text('type'))),
    'participating-org': req(many(optText('ref type role! activity-id crs-channel-code'))),
    'other-identifier': many(el('ref! type!', { 'owner-org': optText('ref') })),
    'activity-status': req(code()),
    'activity-date': req(many(optText('type! iso-date!'))),
    'contact-info': many(
      el('type', {
        organisation: text(),
        department: text(),
        'person-name': text(),
        'job-title': text(),
        telephone: many(chars()),
        email: many(chars()),
        website: many(chars()),
        'mailing-address': many(text()),
      }),
    ),
    'activity-scope': code(),
    'recipient-country': many(optText('code! percentage')),
    'recipient-region': many(optText('code! vocabulary vocabulary-uri percentage')),
    location: many(
      el('ref', {
        'location-reach': code(),
        'location-id': many(code('code! vocabulary!')),
        name: text(),
        description: text(),
        'activity-description': text(),
        administrative: many(code('code! vocabulary! level')),
        point: el('srsName!', { pos: req(chars()) }),
        exactness: code(),
        'location-class': code(),
        'feature-designation': code(),
      }),
    ),
    sector: many(optText('vocabulary vocabulary-uri code! percentage')),
    tag: many(optText('code! vocabulary! vocabulary-uri')),
    'country-budget-items': el('vocabulary!', {
      'budget-item': req(many(el('code! percentage', { description: text() }))),
    }),
    'humanitarian-scope': many(optText('type! vocabulary! vocabulary-uri code!')),
    'policy-marker': many(optText('vocabulary vocabulary-uri code! significance')),
    'collaboration-type': code(),
    'default-flow-type': code(),
    'default-finance-type': code(),
    'default-aid-type': many(code('code! vocabulary')),
    'default-tied-status': code(),
    budget: many(
      el('type status', {
        'period-start': req(DATE),
        'period-end': req(DATE),
        value: req(VALUE),
      }),
    ),
    'planned-disbursement': many(
      el('type', {
        'period-start': req(DATE),
        'period-end': DATE,
        value: req(VALUE),
        'provider-org': transferOrg('provider'),
        'receiver-org': transferOrg('receiver'),
      }),
    ),
    'capital-spend': el('percentage!'),
    transaction: TRANSACTION,
    'document-link': DOCUMENT_LINK,
    'related-activity': many(el('ref! type!')),
    'legacy-data': many(el('name! value! iati-equivalent')),
    conditions: el('attached!', { condition: many(text('type!')) }),
    result: many(
      el('type! aggregation-status', {
        title: req(text()),
        description: text(),
        'document-link': DOCUMENT_LINK,
        reference: many(el('code! vocabulary! vocabulary-uri')),
        indicator: INDICATOR,
      }),
    ),
    'crs-add': CRS_ADD,
    fss: el('extraction-date! priority phaseout-year', {
      forecast: many(chars('year! currency value-date')),
    }),
  },
);

/** Attributes any element may carry: XML's own, namespace declarations and extensions. */
export function isForeignAttribute(name: string): boolean {
  return name.includes(':') || name === 'xmlns';
}
