/**
 * Words for the generated registry: what the office's partners actually build and fund in
 * Preševo, Bujanovac, Medveđa and the neighbouring municipalities, in sr-Latn, en and sq, with the
 * DAC 5-digit purpose codes such projects are reported under.
 */

export interface Theme {
  sr: string;
  en: string;
  sq: string;
  /** DAC 5-digit codes; the first one or two are the usual main sector. */
  sectors: readonly string[];
}

export const THEMES: readonly Theme[] = [
  {
    sr: 'Rekonstrukcija osnovne škole',
    en: 'Reconstruction of the primary school',
    sq: 'Rindërtimi i shkollës fillore',
    sectors: ['11220', '11120'],
  },
  {
    sr: 'Izgradnja vodovoda',
    en: 'Construction of the water supply network',
    sq: 'Ndërtimi i ujësjellësit',
    sectors: ['14030', '14031', '14021'],
  },
  {
    sr: 'Izgradnja kanalizacione mreže',
    en: 'Construction of the sewerage network',
    sq: 'Ndërtimi i rrjetit të kanalizimit',
    sectors: ['14022', '14021'],
  },
  {
    sr: 'Rekonstrukcija lokalnog puta',
    en: 'Rehabilitation of the local road',
    sq: 'Rehabilitimi i rrugës lokale',
    sectors: ['21020'],
  },
  {
    sr: 'Adaptacija ambulante',
    en: 'Refurbishment of the health clinic',
    sq: 'Përshtatja e ambulancës',
    sectors: ['12230', '12220'],
  },
  {
    sr: 'Izgradnja vrtića',
    en: 'Construction of a kindergarten',
    sq: 'Ndërtimi i kopshtit të fëmijëve',
    sectors: ['11240'],
  },
  {
    sr: 'Podrška zapošljavanju mladih',
    en: 'Youth employment support',
    sq: 'Mbështetje për punësimin e të rinjve',
    sectors: ['16020', '11330'],
  },
  {
    sr: 'Podrška poljoprivrednim proizvođačima',
    en: 'Support to agricultural producers',
    sq: 'Mbështetje për prodhuesit bujqësorë',
    sectors: ['31120', '31163', '31191'],
  },
  {
    sr: 'Energetska efikasnost javnih objekata',
    en: 'Energy efficiency of public buildings',
    sq: 'Efiçienca energjetike e objekteve publike',
    sectors: ['23183', '23110'],
  },
  {
    sr: 'Upravljanje otpadom',
    en: 'Solid waste management',
    sq: 'Menaxhimi i mbeturinave',
    sectors: ['14050', '41010'],
  },
  {
    sr: 'Jačanje kapaciteta lokalne samouprave',
    en: 'Capacity building for local self-government',
    sq: 'Forcimi i kapaciteteve të vetëqeverisjes lokale',
    sectors: ['15112', '15110'],
  },
  {
    sr: 'Socijalna inkluzija Roma',
    en: 'Social inclusion of Roma',
    sq: 'Përfshirja sociale e romëve',
    sectors: ['16010', '15160'],
  },
  {
    sr: 'Obnova doma kulture',
    en: 'Renovation of the cultural centre',
    sq: 'Rinovimi i shtëpisë së kulturës',
    sectors: ['16061'],
  },
  {
    sr: 'Zaštita od poplava',
    en: 'Flood protection works',
    sq: 'Mbrojtja nga përmbytjet',
    sectors: ['43060', '41010'],
  },
  {
    sr: 'Izgradnja sportske sale',
    en: 'Construction of a sports hall',
    sq: 'Ndërtimi i sallës sportive',
    sectors: ['16061', '11120'],
  },
  {
    sr: 'Rehabilitacija mosta',
    en: 'Bridge rehabilitation',
    sq: 'Rehabilitimi i urës',
    sectors: ['21020'],
  },
  {
    sr: 'Međuetnički dijalog mladih',
    en: 'Inter-ethnic youth dialogue',
    sq: 'Dialogu ndëretnik i të rinjve',
    sectors: ['15220', '15150'],
  },
  {
    sr: 'Digitalizacija opštinskih usluga',
    en: 'Digitalisation of municipal services',
    sq: 'Digjitalizimi i shërbimeve komunale',
    sectors: ['22040', '15112'],
  },
  {
    sr: 'Podrška ženskom preduzetništvu',
    en: "Support to women's entrepreneurship",
    sq: 'Mbështetje për sipërmarrjen e grave',
    sectors: ['25030', '15170'],
  },
  { sr: 'Javna rasveta', en: 'Public street lighting', sq: 'Ndriçimi publik', sectors: ['43030'] },
  {
    sr: 'Navodnjavanje poljoprivrednog zemljišta',
    en: 'Irrigation of farmland',
    sq: 'Ujitja e tokës bujqësore',
    sectors: ['31140', '14010'],
  },
  {
    sr: 'Opremanje doma zdravlja',
    en: 'Equipment for the health centre',
    sq: 'Pajisja e shtëpisë së shëndetit',
    sectors: ['12220', '12230'],
  },
];

/** Sectors that often come second or third beside a project's main one. */
export const SECONDARY_SECTORS: readonly string[] = [
  '15112',
  '16010',
  '43040',
  '43030',
  '41010',
  '15150',
  '15170',
  '14010',
  '11330',
  '16020',
];

/** Every DAC code used here; the generator checks them against the loaded Sector codelist. */
export const ALL_SECTOR_CODES: readonly string[] = [
  ...new Set([...THEMES.flatMap((t) => t.sectors), ...SECONDARY_SECTORS]),
];

export const PHASES: readonly { sr: string; en: string; sq: string }[] = [
  { sr: '', en: '', sq: '' },
  { sr: ' – faza II', en: ' – phase II', sq: ' – faza II' },
  { sr: ' – faza III', en: ' – phase III', sq: ' – faza III' },
  { sr: ' – nastavak', en: ' – continuation', sq: ' – vazhdimi' },
];

export interface ProgrammeName {
  sr: string;
  en: string;
  sq: string;
  /** Acronym of the usual funder (see DONORS). */
  funder: string;
  /** How big the programme is, relative to the others. */
  weight: number;
}

export const PROGRAMMES: readonly ProgrammeName[] = [
  {
    sr: 'EU PRO Plus – Evropski progres',
    en: 'EU PRO Plus – European Progress',
    sq: 'EU PRO Plus – Progresi Evropian',
    funder: 'EUD',
    weight: 14,
  },
  {
    sr: 'EU PRO – Evropski razvoj za opštine',
    en: 'EU PRO – European Development for Municipalities',
    sq: 'EU PRO – Zhvillimi evropian për komunat',
    funder: 'EUD',
    weight: 10,
  },
  {
    sr: 'PRO Program za razvoj opština juga Srbije',
    en: 'PRO Municipal Development in South Serbia',
    sq: 'PRO Zhvillimi i komunave në Jug të Serbisë',
    funder: 'SDC',
    weight: 9,
  },
  {
    sr: 'Program podrške opštinama Preševo, Bujanovac i Medveđa',
    en: 'Support Programme for Preševo, Bujanovac and Medveđa',
    sq: 'Programi i mbështetjes për Preshevën, Bujanocin dhe Medvegjën',
    funder: 'KT',
    weight: 12,
  },
  {
    sr: 'Zajednički program UN za inkluzivni razvoj',
    en: 'UN Joint Programme for Inclusive Development',
    sq: 'Programi i përbashkët i KB për zhvillim gjithëpërfshirës',
    funder: 'UNDP',
    weight: 6,
  },
  {
    sr: 'Program za mir i razvoj',
    en: 'Peace and Development Programme',
    sq: 'Programi për paqe dhe zhvillim',
    funder: 'UNDP',
    weight: 4,
  },
  {
    sr: 'Vodosnabdevanje i sanitacija u južnoj Srbiji',
    en: 'Water Supply and Sanitation in South Serbia',
    sq: 'Furnizimi me ujë dhe kanalizimi në Jug të Serbisë',
    funder: 'KfW',
    weight: 5,
  },
  {
    sr: 'Program zapošljavanja mladih',
    en: 'Youth Employment Programme',
    sq: 'Programi i punësimit të të rinjve',
    funder: 'GIZ',
    weight: 4,
  },
  {
    sr: 'Inkluzivno obrazovanje',
    en: 'Inclusive Education',
    sq: 'Arsimi gjithëpërfshirës',
    funder: 'UNICEF',
    weight: 4,
  },
  {
    sr: 'Program podrške poljoprivredi i ruralnom razvoju',
    en: 'Agriculture and Rural Development Support',
    sq: 'Mbështetja e bujqësisë dhe zhvillimit rural',
    funder: 'USAID',
    weight: 5,
  },
  {
    sr: 'Dobra uprava na lokalnom nivou',
    en: 'Good Local Governance',
    sq: 'Qeverisja e mirë në nivel lokal',
    funder: 'SDC',
    weight: 4,
  },
  {
    sr: 'Ljudska prava i manjine',
    en: 'Human and Minority Rights',
    sq: 'Të drejtat e njeriut dhe pakicave',
    funder: 'OEBS',
    weight: 3,
  },
  {
    sr: 'Energetska efikasnost u javnim zgradama',
    en: 'Energy Efficiency in Public Buildings',
    sq: 'Efiçienca energjetike në ndërtesat publike',
    funder: 'KfW',
    weight: 3,
  },
  {
    sr: 'Zdravlje za sve',
    en: 'Health for All',
    sq: 'Shëndet për të gjithë',
    funder: 'WHO',
    weight: 2,
  },
  {
    sr: 'Program stambene podrške raseljenim licima',
    en: 'Housing Support for Displaced Persons',
    sq: 'Mbështetja për strehim të personave të zhvendosur',
    funder: 'UNHCR',
    weight: 2,
  },
  {
    sr: 'Program integracije Roma',
    en: 'Roma Integration Programme',
    sq: 'Programi i integrimit të romëve',
    funder: 'EUD',
    weight: 3,
  },
  {
    sr: 'Lokalna infrastruktura i javne usluge',
    en: 'Local Infrastructure and Public Services',
    sq: 'Infrastruktura lokale dhe shërbimet publike',
    funder: 'KJU',
    weight: 5,
  },
  {
    sr: 'Švajcarska podrška opštinama',
    en: 'Swiss Support to Municipalities',
    sq: 'Mbështetja zvicerane për komunat',
    funder: 'SDC',
    weight: 3,
  },
  {
    sr: 'Razvoj preduzetništva žena',
    en: "Women's Entrepreneurship Development",
    sq: 'Zhvillimi i sipërmarrjes së grave',
    funder: 'UN Women',
    weight: 1,
  },
  {
    sr: 'Otpornost na klimatske promene',
    en: 'Climate Resilience',
    sq: 'Qëndrueshmëria ndaj ndryshimeve klimatike',
    funder: 'Sida',
    weight: 1,
  },
];

export type OrgKind =
  | 'national_government'
  | 'coordination_body'
  | 'municipality'
  | 'multilateral'
  | 'eu'
  | 'osce'
  | 'bilateral_donor'
  | 'ngo'
  | 'private'
  | 'other';

export interface NamedOrg {
  acronym: string;
  kind: OrgKind;
  iati_ref: string | null;
  sr: string;
  en: string;
  sq: string;
}

export const NAMED_ORGS: readonly NamedOrg[] = [
  {
    acronym: 'Vlada',
    kind: 'national_government',
    iati_ref: null,
    sr: 'Vlada Republike Srbije',
    en: 'Government of the Republic of Serbia',
    sq: 'Qeveria e Republikës së Serbisë',
  },
  {
    acronym: 'MEI',
    kind: 'national_government',
    iati_ref: null,
    sr: 'Ministarstvo za evropske integracije',
    en: 'Ministry of European Integration',
    sq: 'Ministria për Integrime Evropiane',
  },
  {
    acronym: 'MPN',
    kind: 'national_government',
    iati_ref: null,
    sr: 'Ministarstvo prosvete',
    en: 'Ministry of Education',
    sq: 'Ministria e Arsimit',
  },
  {
    acronym: 'MZ',
    kind: 'national_government',
    iati_ref: null,
    sr: 'Ministarstvo zdravlja',
    en: 'Ministry of Health',
    sq: 'Ministria e Shëndetësisë',
  },
  {
    acronym: 'KJU',
    kind: 'national_government',
    iati_ref: null,
    sr: 'Kancelarija za javna ulaganja',
    en: 'Public Investment Management Office',
    sq: 'Zyra për Investime Publike',
  },
  {
    acronym: 'KT',
    kind: 'coordination_body',
    iati_ref: null,
    sr: 'Koordinaciono telo Vlade Republike Srbije za opštine Preševo, Bujanovac i Medveđa',
    en: 'Coordination Body of the Government of Serbia for the Municipalities of Preševo, Bujanovac and Medveđa',
    sq: 'Trupi Koordinues i Qeverisë së Serbisë për komunat Preshevë, Bujanoc dhe Medvegjë',
  },
  {
    acronym: 'EUD',
    kind: 'eu',
    iati_ref: 'XI-IATI-EC_NEAR',
    sr: 'Delegacija Evropske unije u Srbiji',
    en: 'Delegation of the European Union to Serbia',
    sq: 'Delegacioni i Bashkimit Evropian në Serbi',
  },
  {
    acronym: 'EIB',
    kind: 'eu',
    iati_ref: 'XM-DAC-918-3',
    sr: 'Evropska investiciona banka',
    en: 'European Investment Bank',
    sq: 'Banka Evropiane e Investimeve',
  },
  {
    acronym: 'UNDP',
    kind: 'multilateral',
    iati_ref: 'XM-DAC-41114',
    sr: 'Program Ujedinjenih nacija za razvoj',
    en: 'United Nations Development Programme',
    sq: 'Programi i Kombeve të Bashkuara për Zhvillim',
  },
  {
    acronym: 'UNICEF',
    kind: 'multilateral',
    iati_ref: 'XM-DAC-41122',
    sr: 'Dečji fond Ujedinjenih nacija',
    en: "United Nations Children's Fund",
    sq: 'Fondi i Kombeve të Bashkuara për Fëmijët',
  },
  {
    acronym: 'UNHCR',
    kind: 'multilateral',
    iati_ref: 'XM-DAC-41121',
    sr: 'Visoki komesarijat UN za izbeglice',
    en: 'UN High Commissioner for Refugees',
    sq: 'Komisariati i Lartë i KB për Refugjatët',
  },
  {
    acronym: 'UNOPS',
    kind: 'multilateral',
    iati_ref: 'XM-DAC-41502',
    sr: 'Kancelarija UN za projektne usluge',
    en: 'UN Office for Project Services',
    sq: 'Zyra e KB për Shërbime Projektesh',
  },
  {
    acronym: 'UN Women',
    kind: 'multilateral',
    iati_ref: 'XM-DAC-41146',
    sr: 'UN Women',
    en: 'UN Women',
    sq: 'UN Women',
  },
  {
    acronym: 'FAO',
    kind: 'multilateral',
    iati_ref: 'XM-DAC-41301',
    sr: 'Organizacija UN za hranu i poljoprivredu',
    en: 'Food and Agriculture Organization',
    sq: 'Organizata e KB për Ushqim dhe Bujqësi',
  },
  {
    acronym: 'WHO',
    kind: 'multilateral',
    iati_ref: 'XM-DAC-928',
    sr: 'Svetska zdravstvena organizacija',
    en: 'World Health Organization',
    sq: 'Organizata Botërore e Shëndetësisë',
  },
  {
    acronym: 'IOM',
    kind: 'multilateral',
    iati_ref: 'XM-DAC-47066',
    sr: 'Međunarodna organizacija za migracije',
    en: 'International Organization for Migration',
    sq: 'Organizata Ndërkombëtare për Migracion',
  },
  {
    acronym: 'WB',
    kind: 'multilateral',
    iati_ref: 'XM-DAC-44000',
    sr: 'Svetska banka',
    en: 'World Bank',
    sq: 'Banka Botërore',
  },
  {
    acronym: 'CEB',
    kind: 'multilateral',
    iati_ref: 'XM-DAC-47501',
    sr: 'Razvojna banka Saveta Evrope',
    en: 'Council of Europe Development Bank',
    sq: 'Banka e Zhvillimit e Këshillit të Evropës',
  },
  {
    acronym: 'ILO',
    kind: 'multilateral',
    iati_ref: 'XM-DAC-41302',
    sr: 'Međunarodna organizacija rada',
    en: 'International Labour Organization',
    sq: 'Organizata Ndërkombëtare e Punës',
  },
  {
    acronym: 'OEBS',
    kind: 'osce',
    iati_ref: null,
    sr: 'Misija OEBS-a u Srbiji',
    en: 'OSCE Mission to Serbia',
    sq: 'Misioni i OSBE-së në Serbi',
  },
  {
    acronym: 'SDC',
    kind: 'bilateral_donor',
    iati_ref: 'CH-4',
    sr: 'Švajcarska agencija za razvoj i saradnju',
    en: 'Swiss Agency for Development and Cooperation',
    sq: 'Agjencia Zvicerane për Zhvillim dhe Bashkëpunim',
  },
  {
    acronym: 'GIZ',
    kind: 'bilateral_donor',
    iati_ref: 'DE-1',
    sr: 'Nemačka organizacija za međunarodnu saradnju',
    en: 'Deutsche Gesellschaft für Internationale Zusammenarbeit',
    sq: 'Agjencia Gjermane për Bashkëpunim Ndërkombëtar',
  },
  {
    acronym: 'KfW',
    kind: 'bilateral_donor',
    iati_ref: 'DE-1-KFW',
    sr: 'Nemačka razvojna banka KfW',
    en: 'KfW Development Bank',
    sq: 'Banka Gjermane për Zhvillim KfW',
  },
  {
    acronym: 'USAID',
    kind: 'bilateral_donor',
    iati_ref: 'US-GOV-1',
    sr: 'Američka agencija za međunarodni razvoj',
    en: 'United States Agency for International Development',
    sq: 'Agjencia e SHBA për Zhvillim Ndërkombëtar',
  },
  {
    acronym: 'Sida',
    kind: 'bilateral_donor',
    iati_ref: 'SE-0',
    sr: 'Švedska agencija za međunarodnu razvojnu saradnju',
    en: 'Swedish International Development Cooperation Agency',
    sq: 'Agjencia Suedeze për Bashkëpunim Ndërkombëtar për Zhvillim',
  },
  {
    acronym: 'NMFA',
    kind: 'bilateral_donor',
    iati_ref: 'NO-BRC-971277882',
    sr: 'Ministarstvo spoljnih poslova Norveške',
    en: 'Norwegian Ministry of Foreign Affairs',
    sq: 'Ministria e Punëve të Jashtme e Norvegjisë',
  },
  {
    acronym: 'ADA',
    kind: 'bilateral_donor',
    iati_ref: 'AT-12',
    sr: 'Austrijska razvojna agencija',
    en: 'Austrian Development Agency',
    sq: 'Agjencia Austriake për Zhvillim',
  },
  {
    acronym: 'CzDA',
    kind: 'bilateral_donor',
    iati_ref: 'CZ-ICO-75123924',
    sr: 'Češka razvojna agencija',
    en: 'Czech Development Agency',
    sq: 'Agjencia Çeke për Zhvillim',
  },
  {
    acronym: 'JICA',
    kind: 'bilateral_donor',
    iati_ref: 'JP-8',
    sr: 'Japanska agencija za međunarodnu saradnju',
    en: 'Japan International Cooperation Agency',
    sq: 'Agjencia Japoneze për Bashkëpunim Ndërkombëtar',
  },
  {
    acronym: 'AFD',
    kind: 'bilateral_donor',
    iati_ref: 'FR-6',
    sr: 'Francuska agencija za razvoj',
    en: 'French Development Agency',
    sq: 'Agjencia Franceze për Zhvillim',
  },
  {
    acronym: 'NL',
    kind: 'bilateral_donor',
    iati_ref: 'XM-DAC-7',
    sr: 'Ambasada Kraljevine Holandije',
    en: 'Embassy of the Kingdom of the Netherlands',
    sq: 'Ambasada e Mbretërisë së Holandës',
  },
  {
    acronym: 'FCDO',
    kind: 'bilateral_donor',
    iati_ref: 'GB-GOV-1',
    sr: 'Ambasada Ujedinjenog Kraljevstva',
    en: 'British Embassy Belgrade',
    sq: 'Ambasada Britanike',
  },
  {
    acronym: 'SlovakAid',
    kind: 'bilateral_donor',
    iati_ref: 'SK-ICO-36086584',
    sr: 'Slovačka pomoć',
    en: 'SlovakAid',
    sq: 'Ndihma Sllovake',
  },
  {
    acronym: 'AICS',
    kind: 'bilateral_donor',
    iati_ref: 'IT-CF-97871890584',
    sr: 'Italijanska agencija za razvojnu saradnju',
    en: 'Italian Agency for Development Cooperation',
    sq: 'Agjencia Italiane për Bashkëpunim Zhvillimor',
  },
  {
    acronym: 'TIKA',
    kind: 'bilateral_donor',
    iati_ref: 'TR-KYK-1',
    sr: 'Turska agencija za saradnju i koordinaciju',
    en: 'Turkish Cooperation and Coordination Agency',
    sq: 'Agjencia Turke për Bashkëpunim dhe Koordinim',
  },
  {
    acronym: 'DANIDA',
    kind: 'bilateral_donor',
    iati_ref: 'DK-1',
    sr: 'Ministarstvo spoljnih poslova Danske',
    en: 'Danish Ministry of Foreign Affairs',
    sq: 'Ministria e Punëve të Jashtme e Danimarkës',
  },
];

/** Pieces of the names of local civil-society organisations and firms. */
export const NGO_FORMS: readonly { sr: string; sq: string; en: string }[] = [
  { sr: 'Udruženje građana', sq: 'Shoqata e qytetarëve', en: 'Citizens’ Association' },
  { sr: 'Centar za razvoj', sq: 'Qendra për zhvillim', en: 'Development Centre' },
  { sr: 'Fondacija', sq: 'Fondacioni', en: 'Foundation' },
  { sr: 'Forum mladih', sq: 'Forumi i të rinjve', en: 'Youth Forum' },
  { sr: 'Udruženje žena', sq: 'Shoqata e grave', en: 'Women’s Association' },
  { sr: 'Mreža', sq: 'Rrjeti', en: 'Network' },
  { sr: 'Savez', sq: 'Lidhja', en: 'Alliance' },
  { sr: 'Klub', sq: 'Klubi', en: 'Club' },
];

export const NGO_NAMES: readonly string[] = [
  'Nova šansa',
  'Ardhmëria',
  'Zajedno',
  'Bashkë',
  'Most',
  'Ura',
  'Iskra',
  'Drita',
  'Sunce',
  'Dielli',
  'Polet',
  'Horizont',
  'Fenix',
  'Lipa',
  'Rilindja',
  'Zora',
  'Agimi',
  'Ravnopravnost',
  'Solidarnost',
  'Sloga',
  'Harmonija',
  'Vizioni',
  'Perspektiva',
  'Zeleni put',
  'Rruga e gjelbër',
  'Otvorena vrata',
  'Dera e hapur',
  'Mladi lideri',
  'Liderët e rinj',
];

export const FIRM_NAMES: readonly string[] = [
  'Građevinar',
  'Hidrogradnja',
  'Elektro-Montaža',
  'Putevi',
  'Ndërtimi',
  'Termo-Tehnika',
  'Eko-Projekt',
  'Arhiteks',
  'Geo-Plan',
  'Vodoprivreda',
];
