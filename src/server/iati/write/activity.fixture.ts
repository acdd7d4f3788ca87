/**
 * A hand-built activity that fills every field of IatiActivity, with texts in the platform's
 * languages. Tests use it to check schema validity, order and escaping on one readable example.
 */
import type { IatiActivity } from '../iati.model.js';

export function richActivity(): IatiActivity {
  const org = (ref: string, en: string) => ({ ref, type: '10', name: { en } });
  return {
    identifier: 'RS-MB-17862146-KT-2024-007',
    defaultLang: 'en',
    defaultCurrency: 'EUR',
    lastUpdated: '2026-11-25T09:15:00Z',
    humanitarian: false,
    hierarchy: 2,
    reportingOrg: {
      ref: 'RS-MB-17862146',
      type: '10',
      name: {
        en: 'Coordination Body for Preševo, Bujanovac and Medveđa',
        sq: 'Trupi Koordinues për Preshevë, Bujanoc dhe Medvegjë',
        'sr-Cyrl': 'Координационо тело за општине Прешево, Бујановац и Медвеђа',
      },
      secondaryReporter: false,
    },
    title: {
      en: 'Water supply for Preševo & Bujanovac <phase 2>',
      sq: 'Furnizimi me ujë për Preshevën dhe Bujanocin',
      'sr-Latn': 'Vodosnabdevanje za Preševo i Bujanovac',
    },
    descriptions: [
      { type: '1', narrative: { en: 'Pipes, "pumps" and the town\'s reservoir.\nSecond line.' } },
      { type: '2', narrative: { sq: 'Objektivat: çdo shtëpi ka ujë.' } },
    ],
    participatingOrgs: [
      {
        ref: 'XM-DAC-41114',
        type: '40',
        name: { en: 'UNDP' },
        role: '1',
        activityId: 'XM-DAC-41114-PROJECT-00058294',
        crsChannelCode: '41114',
      },
      {
        ref: null,
        type: '80',
        name: { 'sr-Latn': 'Opština Medveđa' },
        role: '4',
        activityId: null,
        crsChannelCode: null,
      },
    ],
    status: '2',
    dates: [
      { type: '1', isoDate: '2024-03-01', narrative: { en: 'Planned start' } },
      { type: '2', isoDate: '2024-04-15', narrative: {} },
    ],
    contacts: [
      {
        type: '1',
        organisation: { en: 'Coordination Body' },
        department: { en: 'Projects' },
        personName: { 'sr-Latn': 'Jelena Đorđević' },
        jobTitle: { en: 'Programme officer' },
        telephone: '+381 17 660 000',
        email: 'info@kt.gov.rs',
        website: 'http://www.kt.gov.rs/en/',
        mailingAddress: { 'sr-Latn': 'Bulevar Mihajla Pupina 2, Beograd' },
      },
    ],
    scope: '4',
    recipientCountries: [
      {
        code: 'RS',
        vocabulary: null,
        vocabularyUri: null,
        percentage: '50',
        narrative: { en: 'Serbia' },
      },
    ],
    recipientRegions: [
      {
        code: '89',
        vocabulary: '1',
        vocabularyUri: null,
        percentage: '50',
        narrative: { en: 'Europe, regional' },
      },
      {
        code: 'RS-24',
        vocabulary: '99',
        vocabularyUri: 'https://www.rgz.gov.rs/registers/districts',
        percentage: '100',
        narrative: { 'sr-Latn': 'Pčinjski okrug' },
      },
    ],
    locations: [
      {
        ref: 'PRESEVO',
        reach: '1',
        locationIds: [{ vocabulary: 'G1', code: '787487' }],
        name: { en: 'Preševo', sq: 'Preshevë', 'sr-Cyrl': 'Прешево' },
        description: { en: 'Town centre' },
        activityDescription: { en: 'New pumping station' },
        administrative: [{ vocabulary: 'G1', level: '2', code: '787488' }],
        point: {
          srsName: 'http://www.opengis.net/def/crs/EPSG/0/4326',
          lat: 42.3092,
          lon: 21.6494,
        },
        exactness: '1',
        locationClass: '2',
        featureDesignation: 'PPL',
      },
    ],
    sectors: [
      {
        code: '14030',
        vocabulary: '1',
        vocabularyUri: null,
        percentage: '60.5',
        narrative: { en: 'Water supply' },
      },
      { code: '14020', vocabulary: '1', vocabularyUri: null, percentage: '39.5', narrative: {} },
      {
        code: 'W-1',
        vocabulary: '99',
        vocabularyUri: 'https://koordinata.example/sectors',
        percentage: '100',
        narrative: { sq: 'Ujë' },
      },
    ],
    tags: [
      {
        vocabulary: '2',
        vocabularyUri: null,
        code: '6',
        narrative: { en: 'Clean water and sanitation' },
      },
    ],
    policyMarkers: [
      { vocabulary: '1', vocabularyUri: null, code: '1', significance: '1', narrative: {} },
      {
        vocabulary: '99',
        vocabularyUri: 'https://koordinata.example/markers',
        code: 'M1',
        significance: null,
        narrative: { en: 'Minority communities' },
      },
    ],
    collaborationType: '1',
    defaultFlowType: '10',
    defaultFinanceType: '110',
    defaultAidTypes: [{ code: 'C01', vocabulary: '1' }],
    defaultTiedStatus: '5',
    budgets: [
      {
        type: '1',
        status: '2',
        periodStart: '2024-01-01',
        periodEnd: '2024-12-31',
        value: { amount: '1500000.00', currency: null, valueDate: '2024-01-01' },
      },
      {
        type: null,
        status: null,
        periodStart: '2025-01-01',
        periodEnd: '2025-12-31',
        value: { amount: '250000', currency: 'USD', valueDate: '2025-01-01' },
      },
    ],
    plannedDisbursements: [
      {
        type: '1',
        periodStart: '2024-04-01',
        periodEnd: '2024-06-30',
        value: { amount: '300000.50', currency: 'EUR', valueDate: '2024-04-01' },
        provider: { ...org('XM-DAC-41114', 'UNDP'), activityId: 'XM-DAC-41114-PROJECT-00058294' },
        receiver: { ...org('RS-MB-07189319', 'Opština Preševo'), activityId: null },
      },
    ],
    capitalSpend: '88.8',
    transactions: [
      {
        ref: 'TX-1',
        humanitarian: false,
        type: '2',
        date: '2024-03-10',
        value: { amount: '1500000.00', currency: 'EUR', valueDate: '2024-03-10' },
        description: { en: 'Commitment' },
        provider: { ...org('XM-DAC-41114', 'UNDP'), activityId: null },
        receiver: {
          ...org('RS-MB-17862146', 'Coordination Body'),
          activityId: 'RS-MB-17862146-KT-2024-007',
        },
        disbursementChannel: '1',
        sectors: [],
        recipientCountry: null,
        recipientRegion: null,
        flowType: '10',
        financeType: '110',
        aidTypes: [
          { code: 'C01', vocabulary: '1' },
          { code: '1', vocabulary: '2' },
        ],
        tiedStatus: '5',
      },
      {
        ref: null,
        humanitarian: null,
        type: '3',
        date: '2024-05-02',
        value: { amount: '-20', currency: null, valueDate: '2024-05-02' },
        description: {},
        provider: null,
        receiver: null,
        disbursementChannel: null,
        sectors: [
          { code: '14030', vocabulary: '1', vocabularyUri: null, percentage: null, narrative: {} },
        ],
        recipientCountry: 'RS',
        recipientRegion: { code: '89', vocabulary: '1' },
        flowType: null,
        financeType: null,
        aidTypes: [],
        tiedStatus: null,
      },
    ],
    documentLinks: [
      {
        url: 'https://www.kt.gov.rs/media/uploads/project-007.pdf?lang=sq&v=2',
        format: 'application/pdf',
        title: { en: 'Project document', sq: 'Dokumenti i projektit' },
        description: { en: 'Signed agreement' },
        categories: ['A02', 'A09'],
        languages: ['en', 'sq', 'sr'],
        documentDate: '2024-02-20',
      },
    ],
    relatedActivities: [{ ref: 'RS-MB-17862146-KT-2024', type: '1' }],
    conditions: {
      attached: true,
      items: [{ type: '1', narrative: { en: 'Municipal co-financing of 10%' } }],
    },
    results: [
      {
        type: '1',
        aggregationStatus: true,
        title: { en: 'Households connected' },
        description: { en: 'Households with running water' },
        indicators: [
          {
            measure: '1',
            ascending: true,
            aggregationStatus: false,
            title: { en: 'Number of households', sq: 'Numri i familjeve' },
            description: { en: 'Connected to the new network' },
            references: [
              {
                vocabulary: '1',
                code: '3429',
                indicatorUri: 'https://example.org/indicators/3429',
              },
            ],
            baselines: [
              {
                year: '2023',
                isoDate: '2023-12-31',
                value: '120',
                comment: { en: 'Census' },
                locationRefs: ['PRESEVO'],
              },
            ],
            periods: [
              {
                periodStart: '2024-01-01',
                periodEnd: '2024-12-31',
                targets: [
                  {
                    value: '500',
                    comment: { en: 'Target' },
                    locationRefs: ['PRESEVO'],
                    dimensions: [{ name: 'municipality', value: 'Preševo' }],
                  },
                ],
                actuals: [{ value: '430', comment: {}, locationRefs: [], dimensions: [] }],
              },
            ],
          },
        ],
      },
    ],
  };
}
