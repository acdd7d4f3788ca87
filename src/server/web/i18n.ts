import { latinToCyrillic } from '../text/index.js';

export const LOCALES = ['sq', 'sr-Latn', 'sr-Cyrl', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

/** Each language in its own name and script (glossary §4.6). */
export const LOCALE_NAMES: Record<Locale, string> = {
  sq: 'Shqip',
  'sr-Latn': 'Srpski (latinica)',
  'sr-Cyrl': 'Српски (ћирилица)',
  en: 'English',
};

/** Tags for Intl: English as written in the UK, Serbian with its script. */
export const INTL_TAGS: Record<Locale, string> = {
  sq: 'sq',
  'sr-Latn': 'sr-Latn',
  'sr-Cyrl': 'sr-Cyrl',
  en: 'en-GB',
};

const en = {
  'app.tagline': 'Partners, programmes and projects in Preševo, Bujanovac and Medveđa since 2001',
  'org.cb.full':
    'Coordination Body of the Government of the Republic of Serbia for the Municipalities of Preševo, Bujanovac and Medveđa',
  'nav.language': 'Language',
  'nav.main': 'Main menu',
  'nav.skip': 'Skip to content',
  'nav.home': 'Home',
  'nav.explorer': 'Projects',
  'nav.search': 'Search',
  'nav.data': 'Open data',
  'home.programmes': 'Programmes',
  'home.no_programmes': 'No programmes have been published yet.',
  'home.years': 'Years',
  'home.funders': 'Funding',
  'home.implementers': 'Implementing',
  'home.budget': 'Budget',
  'home.partnership': 'Partnership',
  'partnership.government': 'Government',
  'partnership.municipality': 'municipality',
  'partnership.international': 'international partner',
  'home.illustrative': 'illustrative example',
  'home.unknown': 'unknown',
  'home.api': 'Open data API',
  'home.municipalities': 'Municipalities',
  'home.settlements': '{count} settlements',
  'home.figures': 'Totals since 2001',
  'home.figures_note':
    'Money is counted once: a programme’s own figure only where its projects report none, a flow between two records on one side only. Amounts converted to {currency}.',
  'home.activities': 'Published programmes and projects',
  'home.timeline': 'Programmes on a timeline',
  'home.map': 'The three municipalities by budget',
  'home.currency': 'Currency',
  'home.rate_sources': 'Exchange rates',
  'home.without_rate': '{count} part(s) left out: no exchange rate to {currency} on their date.',
  'measure.budget': 'Budget',
  'measure.commitment': 'Committed',
  'measure.disbursement': 'Disbursed',
  'chart.by_year': 'Budget by year',
  'chart.by_sector': 'Budget by sector',
  'chart.by_municipality': 'Budget by municipality',
  'chart.by_partner': 'Budget by funding partner',
  'chart.table': 'The figures as a table',
  'chart.value': 'Amount',
  'chart.empty': 'No amounts to show.',
  'chart.unspecified': 'Not specified',
  'map.legend': 'Darker: more money. Circles: places with projects.',
  'map.attribution': '© RGZ (open data) · © OpenStreetMap contributors (ODbL) · Natural Earth',
  'map.projects_at': '{place}: {count} projects',
  'explorer.title': 'Projects',
  'explorer.filters': 'Filters',
  'explorer.q': 'Words',
  'explorer.municipality': 'Municipality',
  'explorer.settlement': 'Settlement',
  'explorer.sector': 'Sector',
  'explorer.partner': 'Partner',
  'explorer.role': 'Role',
  'explorer.programme': 'Programme',
  'explorer.status': 'Status',
  'explorer.year_from': 'From year',
  'explorer.year_to': 'To year',
  'explorer.any': 'any',
  'explorer.apply': 'Show',
  'explorer.reset': 'Clear the filters',
  'explorer.count': '{count} programmes and projects',
  'explorer.count_more': 'first {count} shown',
  'explorer.next': 'Next page',
  'explorer.list': 'List',
  'explorer.download': 'Download this selection',
  'explorer.share': 'This view’s address can be shared: it keeps the filters.',
  'activity.description': 'Description',
  'activity.missing': 'Not available in {lang}: shown in {other}.',
  'activity.missing_title': 'This text exists in: {langs}.',
  'activity.partners': 'Partners and roles',
  'activity.money': 'Money',
  'activity.places': 'Places',
  'activity.no_places': 'No places recorded.',
  'activity.documents': 'Documents',
  'activity.results': 'Results',
  'activity.no_results': 'No results recorded.',
  'activity.target': 'Target',
  'activity.actual': 'Actual',
  'activity.above': 'Part of',
  'activity.below': 'Projects within',
  'activity.sectors': 'Sectors',
  'activity.status': 'Status',
  'activity.dates': 'Dates',
  'activity.identifier': 'IATI identifier',
  'activity.print': 'Print this page',
  'activity.rate_note':
    'Amounts are shown in the currency reported; no conversion is applied on this page.',
  'activity.level.programme': 'Programme',
  'activity.level.project': 'Project',
  'activity.level.sub_project': 'Sub-project',
  'activity.level.component': 'Component',
  'role.funding': 'Funding',
  'role.accountable': 'Accountable',
  'role.extending': 'Extending',
  'role.implementing': 'Implementing',
  'role.co_financing': 'Co-financing',
  'role.beneficiary': 'Beneficiary',
  'status.1': 'Pipeline',
  'status.2': 'Implementation',
  'status.3': 'Finalisation',
  'status.4': 'Closed',
  'status.5': 'Cancelled',
  'status.6': 'Suspended',
  'org.projects': 'Programmes and projects with this partner',
  'org.kind': 'Kind',
  'org.website': 'Website',
  'muni.projects': 'Programmes and projects here',
  'muni.settlements': 'Settlements',
  'muni.needs': 'Local needs',
  'muni.needs_none': 'No local needs have been published for this municipality yet.',
  'search.title': 'Search',
  'search.label': 'Search projects, partners and places',
  'search.hint':
    'Any script and with or without diacritics: presevo, Прешево and Preshevë all work.',
  'search.button': 'Search',
  'search.activities': 'Programmes and projects',
  'search.organisations': 'Partners',
  'search.places': 'Places',
  'search.none': 'Nothing found.',
  'search.results': 'Results for “{q}”',
  'data.title': 'Open data',
  'data.intro':
    'Every list and total on this site can be downloaded. Downloads are streamed, so a selection of any size starts at once.',
  'data.downloads': 'Downloads',
  'data.all_activities': 'All published programmes and projects',
  'data.totals': 'Totals',
  'data.api': 'The API',
  'data.api_text': 'The same data as JSON, with filters and pagination, described in OpenAPI 3.1.',
  'data.licence': 'Licence',
  'data.licence_text':
    'The registry’s data may be reused with attribution to the Coordination Body. Settlement data derived from OpenStreetMap stay under the Open Database Licence 1.0.',
  'data.sources': 'Sources and attributions',
  'data.src.rgz':
    'Municipality boundaries and cadastral municipalities: © Republički geodetski zavod (RGZ), Registar prostornih jedinica, open data; boundaries generalised.',
  'data.src.osm': 'Settlements: © OpenStreetMap contributors, ODbL 1.0',
  'data.src.ne': 'Country outline: Natural Earth (public domain).',
  'data.src.iati': 'Codelists: IATI Standard codelists (iatistandard.org), public domain.',
  'common.unspecified': 'Not specified',
  'common.none': 'none',
  'report.title': 'Yearly report {year}',
  'report.pages': 'Yearly reports',
  'report.link': 'Yearly reports (PDF)',
  'report.intro':
    'Each report is made from the registry when it is opened: the year’s totals counted once, the budget by sector and by municipality, and the programmes and projects running that year.',
  'report.year': 'Year',
  'report.open': 'Report {year} (PDF)',
  'report.figures': 'Totals of {year}',
  'report.projects': 'Programmes and projects running in {year}',
  'report.no_projects': 'No published programme or project ran in this year.',
  'report.produced':
    'Made from the Koordinata registry on {date}, with the figures the portal shows.',
  'report.font':
    'The PDF reports are set in DejaVu Sans (Bitstream Vera licence; DejaVu changes in the public domain).',
  'programme.partners': 'Partners in the programme and its projects',
  'programme.projects': 'Projects of this programme',
  'programme.record': 'The programme’s record: description, results, documents',
  'common.more': 'more',
};

export type MessageKey = keyof typeof en;

const sq: Record<MessageKey, string> = {
  'app.tagline':
    'Partnerët, programet dhe projektet në Preshevë, Bujanoc dhe Medvegjë që nga viti 2001',
  'org.cb.full':
    'Trupi Koordinues i Qeverisë së Republikës së Serbisë për komunat Preshevë, Bujanoc dhe Medvegjë',
  'nav.language': 'Gjuha',
  'nav.main': 'Menyja kryesore',
  'nav.skip': 'Kalo te përmbajtja',
  'nav.home': 'Ballina',
  'nav.explorer': 'Projektet',
  'nav.search': 'Kërko',
  'nav.data': 'Të dhëna të hapura',
  'home.programmes': 'Programet',
  'home.no_programmes': 'Ende nuk është publikuar asnjë program.',
  'home.years': 'Vitet',
  'home.funders': 'Financimi',
  'home.implementers': 'Zbatimi',
  'home.budget': 'Buxheti',
  'home.partnership': 'Partneriteti',
  'partnership.government': 'Qeveria',
  'partnership.municipality': 'komuna',
  'partnership.international': 'partner ndërkombëtar',
  'home.illustrative': 'shembull ilustrues',
  'home.unknown': 'e panjohur',
  'home.api': 'API i të dhënave të hapura',
  'home.municipalities': 'Komunat',
  'home.settlements': '{count} vendbanime',
  'home.figures': 'Shumat që nga viti 2001',
  'home.figures_note':
    'Paratë numërohen një herë: shuma e vetë programit vetëm kur projektet e tij nuk raportojnë asnjë, një transfer midis dy regjistrimeve vetëm në njërën anë. Shumat të konvertuara në {currency}.',
  'home.activities': 'Programe dhe projekte të publikuara',
  'home.timeline': 'Programet në vijë kohore',
  'home.map': 'Tri komunat sipas buxhetit',
  'home.currency': 'Monedha',
  'home.rate_sources': 'Kurset e këmbimit',
  'home.without_rate':
    '{count} pjesë të lëna jashtë: pa kurs këmbimi në {currency} për datën e tyre.',
  'measure.budget': 'Buxheti',
  'measure.commitment': 'E zotuar',
  'measure.disbursement': 'E disbursuar',
  'chart.by_year': 'Buxheti sipas vitit',
  'chart.by_sector': 'Buxheti sipas sektorit',
  'chart.by_municipality': 'Buxheti sipas komunës',
  'chart.by_partner': 'Buxheti sipas partnerit financues',
  'chart.table': 'Shifrat si tabelë',
  'chart.value': 'Shuma',
  'chart.empty': 'Nuk ka shuma për të treguar.',
  'chart.unspecified': 'E papërcaktuar',
  'map.legend': 'Më e errët: më shumë para. Rrathët: vende me projekte.',
  'map.attribution':
    '© RGZ (të dhëna të hapura) · © kontribuuesit e OpenStreetMap (ODbL) · Natural Earth',
  'map.projects_at': '{place}: {count} projekte',
  'explorer.title': 'Projektet',
  'explorer.filters': 'Filtrat',
  'explorer.q': 'Fjalë',
  'explorer.municipality': 'Komuna',
  'explorer.settlement': 'Vendbanimi',
  'explorer.sector': 'Sektori',
  'explorer.partner': 'Partneri',
  'explorer.role': 'Roli',
  'explorer.programme': 'Programi',
  'explorer.status': 'Statusi',
  'explorer.year_from': 'Nga viti',
  'explorer.year_to': 'Deri në vitin',
  'explorer.any': 'çdo',
  'explorer.apply': 'Shfaq',
  'explorer.reset': 'Pastro filtrat',
  'explorer.count': '{count} programe dhe projekte',
  'explorer.count_more': 'shfaqen {count} të parat',
  'explorer.next': 'Faqja tjetër',
  'explorer.list': 'Lista',
  'explorer.download': 'Shkarko këtë përzgjedhje',
  'explorer.share': 'Adresa e kësaj pamjeje mund të ndahet: i ruan filtrat.',
  'activity.description': 'Përshkrimi',
  'activity.missing': 'Nuk ekziston në {lang}: tregohet në {other}.',
  'activity.missing_title': 'Ky tekst ekziston në: {langs}.',
  'activity.partners': 'Partnerët dhe rolet',
  'activity.money': 'Paratë',
  'activity.places': 'Vendet',
  'activity.no_places': 'Nuk ka vende të regjistruara.',
  'activity.documents': 'Dokumentet',
  'activity.results': 'Rezultatet',
  'activity.no_results': 'Nuk ka rezultate të regjistruara.',
  'activity.target': 'Synimi',
  'activity.actual': 'Arritja',
  'activity.above': 'Pjesë e',
  'activity.below': 'Projektet brenda',
  'activity.sectors': 'Sektorët',
  'activity.status': 'Statusi',
  'activity.dates': 'Datat',
  'activity.identifier': 'Identifikuesi IATI',
  'activity.print': 'Shtyp këtë faqe',
  'activity.rate_note':
    'Shumat tregohen në monedhën e raportuar; në këtë faqe nuk bëhet konvertim.',
  'activity.level.programme': 'Program',
  'activity.level.project': 'Projekt',
  'activity.level.sub_project': 'Nënprojekt',
  'activity.level.component': 'Komponent',
  'role.funding': 'Financues',
  'role.accountable': 'Përgjegjës',
  'role.extending': 'Ndërmjetës',
  'role.implementing': 'Zbatues',
  'role.co_financing': 'Bashkëfinancues',
  'role.beneficiary': 'Përfitues',
  'status.1': 'Në përgatitje',
  'status.2': 'Në zbatim',
  'status.3': 'Në përfundim',
  'status.4': 'I mbyllur',
  'status.5': 'I anuluar',
  'status.6': 'I pezulluar',
  'org.projects': 'Programe dhe projekte me këtë partner',
  'org.kind': 'Lloji',
  'org.website': 'Faqja e internetit',
  'muni.projects': 'Programe dhe projekte këtu',
  'muni.settlements': 'Vendbanimet',
  'muni.needs': 'Nevojat lokale',
  'muni.needs_none': 'Ende nuk janë publikuar nevoja lokale për këtë komunë.',
  'search.title': 'Kërko',
  'search.label': 'Kërko projekte, partnerë dhe vende',
  'search.hint':
    'Në çdo alfabet, me ose pa diakritikë: presevo, Прешево dhe Preshevë të gjitha funksionojnë.',
  'search.button': 'Kërko',
  'search.activities': 'Programe dhe projekte',
  'search.organisations': 'Partnerët',
  'search.places': 'Vendet',
  'search.none': 'Nuk u gjet asgjë.',
  'search.results': 'Rezultatet për “{q}”',
  'data.title': 'Të dhëna të hapura',
  'data.intro':
    'Çdo listë dhe shumë në këtë faqe mund të shkarkohet. Shkarkimet transmetohen, kështu që një përzgjedhje e çdo madhësie fillon menjëherë.',
  'data.downloads': 'Shkarkime',
  'data.all_activities': 'Të gjitha programet dhe projektet e publikuara',
  'data.totals': 'Shumat',
  'data.api': 'API',
  'data.api_text':
    'Të njëjtat të dhëna si JSON, me filtra dhe faqosje, të përshkruara në OpenAPI 3.1.',
  'data.licence': 'Licenca',
  'data.licence_text':
    'Të dhënat e regjistrit mund të ripërdoren duke përmendur Trupin Koordinues. Të dhënat e vendbanimeve nga OpenStreetMap mbeten nën Open Database Licence 1.0.',
  'data.sources': 'Burimet dhe atribuimet',
  'data.src.rgz':
    'Kufijtë e komunave dhe komunat kadastrale: © Republički geodetski zavod (RGZ), Registar prostornih jedinica, të dhëna të hapura; kufij të përgjithësuar.',
  'data.src.osm': 'Vendbanimet: © kontribuuesit e OpenStreetMap, ODbL 1.0',
  'data.src.ne': 'Kufiri i shtetit: Natural Earth (domen publik).',
  'data.src.iati': 'Listat e kodeve: IATI Standard (iatistandard.org), domen publik.',
  'common.unspecified': 'E papërcaktuar',
  'common.none': 'asnjë',
  'report.title': 'Raporti vjetor {year}',
  'report.pages': 'Raportet vjetore',
  'report.link': 'Raportet vjetore (PDF)',
  'report.intro':
    'Çdo raport krijohet nga regjistri kur hapet: shumat e vitit të numëruara një herë, buxheti sipas sektorit dhe sipas komunës, dhe programet e projektet që zhvilloheshin atë vit.',
  'report.year': 'Viti',
  'report.open': 'Raporti {year} (PDF)',
  'report.figures': 'Shumat e vitit {year}',
  'report.projects': 'Programet dhe projektet që zhvilloheshin në vitin {year}',
  'report.no_projects': 'Asnjë program apo projekt i publikuar nuk zhvillohej këtë vit.',
  'report.produced': 'Krijuar nga regjistri Koordinata më {date}, me shifrat që tregon portali.',
  'report.font':
    'Raportet PDF janë shkruar me shkronjat DejaVu Sans (licenca Bitstream Vera; ndryshimet e DejaVu në domenin publik).',
  'programme.partners': 'Partnerët në program dhe në projektet e tij',
  'programme.projects': 'Projektet e këtij programi',
  'programme.record': 'Regjistrimi i programit: përshkrimi, rezultatet, dokumentet',
  'common.more': 'më shumë',
};

const srLatn: Record<MessageKey, string> = {
  'app.tagline': 'Partneri, programi i projekti u Preševu, Bujanovcu i Medveđi od 2001. godine',
  'org.cb.full':
    'Koordinaciono telo Vlade Republike Srbije za opštine Preševo, Bujanovac i Medveđa',
  'nav.language': 'Jezik',
  'nav.main': 'Glavni meni',
  'nav.skip': 'Preskoči na sadržaj',
  'nav.home': 'Početna',
  'nav.explorer': 'Projekti',
  'nav.search': 'Pretraga',
  'nav.data': 'Otvoreni podaci',
  'home.programmes': 'Programi',
  'home.no_programmes': 'Još nijedan program nije objavljen.',
  'home.years': 'Godine',
  'home.funders': 'Finansiranje',
  'home.implementers': 'Sprovođenje',
  'home.budget': 'Budžet',
  'home.partnership': 'Partnerstvo',
  'partnership.government': 'Vlada',
  'partnership.municipality': 'opština',
  'partnership.international': 'međunarodni partner',
  'home.illustrative': 'ilustrativni primer',
  'home.unknown': 'nepoznato',
  'home.api': 'API otvorenih podataka',
  'home.municipalities': 'Opštine',
  'home.settlements': '{count} naselja',
  'home.figures': 'Ukupno od 2001. godine',
  'home.figures_note':
    'Novac se broji jednom: sopstveni iznos programa samo kada njegovi projekti ne prijavljuju nijedan, prenos između dva zapisa samo na jednoj strani. Iznosi preračunati u {currency}.',
  'home.activities': 'Objavljeni programi i projekti',
  'home.timeline': 'Programi na vremenskoj liniji',
  'home.map': 'Tri opštine prema budžetu',
  'home.currency': 'Valuta',
  'home.rate_sources': 'Kursevi',
  'home.without_rate': '{count} delova izostavljeno: nema kursa za {currency} na njihov datum.',
  'measure.budget': 'Budžet',
  'measure.commitment': 'Ugovoreno',
  'measure.disbursement': 'Isplaćeno',
  'chart.by_year': 'Budžet po godinama',
  'chart.by_sector': 'Budžet po sektorima',
  'chart.by_municipality': 'Budžet po opštinama',
  'chart.by_partner': 'Budžet po partnerima koji finansiraju',
  'chart.table': 'Iznosi u tabeli',
  'chart.value': 'Iznos',
  'chart.empty': 'Nema iznosa za prikaz.',
  'chart.unspecified': 'Nije navedeno',
  'map.legend': 'Tamnije: više novca. Krugovi: mesta sa projektima.',
  'map.attribution': '© RGZ (otvoreni podaci) · © OpenStreetMap saradnici (ODbL) · Natural Earth',
  'map.projects_at': '{place}: {count} projekata',
  'explorer.title': 'Projekti',
  'explorer.filters': 'Filteri',
  'explorer.q': 'Reči',
  'explorer.municipality': 'Opština',
  'explorer.settlement': 'Naselje',
  'explorer.sector': 'Sektor',
  'explorer.partner': 'Partner',
  'explorer.role': 'Uloga',
  'explorer.programme': 'Program',
  'explorer.status': 'Status',
  'explorer.year_from': 'Od godine',
  'explorer.year_to': 'Do godine',
  'explorer.any': 'bilo koji',
  'explorer.apply': 'Prikaži',
  'explorer.reset': 'Obriši filtere',
  'explorer.count': '{count} programa i projekata',
  'explorer.count_more': 'prikazano prvih {count}',
  'explorer.next': 'Sledeća strana',
  'explorer.list': 'Spisak',
  'explorer.download': 'Preuzmi ovaj izbor',
  'explorer.share': 'Adresa ovog prikaza može da se podeli: čuva filtere.',
  'activity.description': 'Opis',
  'activity.missing': 'Ne postoji na jeziku {lang}: prikazano na jeziku {other}.',
  'activity.missing_title': 'Ovaj tekst postoji na: {langs}.',
  'activity.partners': 'Partneri i uloge',
  'activity.money': 'Novac',
  'activity.places': 'Mesta',
  'activity.no_places': 'Nema zabeleženih mesta.',
  'activity.documents': 'Dokumenti',
  'activity.results': 'Rezultati',
  'activity.no_results': 'Nema zabeleženih rezultata.',
  'activity.target': 'Cilj',
  'activity.actual': 'Ostvareno',
  'activity.above': 'Deo programa',
  'activity.below': 'Projekti u okviru',
  'activity.sectors': 'Sektori',
  'activity.status': 'Status',
  'activity.dates': 'Datumi',
  'activity.identifier': 'IATI identifikator',
  'activity.print': 'Odštampaj ovu stranu',
  'activity.rate_note':
    'Iznosi su prikazani u prijavljenoj valuti; na ovoj strani nema konverzije.',
  'activity.level.programme': 'Program',
  'activity.level.project': 'Projekat',
  'activity.level.sub_project': 'Potprojekat',
  'activity.level.component': 'Komponenta',
  'role.funding': 'Finansijer',
  'role.accountable': 'Odgovorni',
  'role.extending': 'Posrednik',
  'role.implementing': 'Sprovodilac',
  'role.co_financing': 'Sufinansijer',
  'role.beneficiary': 'Korisnik',
  'status.1': 'U pripremi',
  'status.2': 'U sprovođenju',
  'status.3': 'Pri završetku',
  'status.4': 'Završen',
  'status.5': 'Otkazan',
  'status.6': 'Obustavljen',
  'org.projects': 'Programi i projekti sa ovim partnerom',
  'org.kind': 'Vrsta',
  'org.website': 'Veb-sajt',
  'muni.projects': 'Programi i projekti ovde',
  'muni.settlements': 'Naselja',
  'muni.needs': 'Lokalne potrebe',
  'muni.needs_none': 'Za ovu opštinu još nisu objavljene lokalne potrebe.',
  'search.title': 'Pretraga',
  'search.label': 'Pretraži projekte, partnere i mesta',
  'search.hint':
    'Bilo kojim pismom, sa ili bez dijakritika: presevo, Прешево i Preshevë — sve radi.',
  'search.button': 'Traži',
  'search.activities': 'Programi i projekti',
  'search.organisations': 'Partneri',
  'search.places': 'Mesta',
  'search.none': 'Ništa nije pronađeno.',
  'search.results': 'Rezultati za „{q}”',
  'data.title': 'Otvoreni podaci',
  'data.intro':
    'Svaki spisak i zbir na ovom sajtu može da se preuzme. Preuzimanja se šalju u toku, pa izbor bilo koje veličine počinje odmah.',
  'data.downloads': 'Preuzimanja',
  'data.all_activities': 'Svi objavljeni programi i projekti',
  'data.totals': 'Zbirovi',
  'data.api': 'API',
  'data.api_text': 'Isti podaci kao JSON, sa filterima i stranicama, opisani u OpenAPI 3.1.',
  'data.licence': 'Licenca',
  'data.licence_text':
    'Podaci registra mogu da se koriste uz navođenje Koordinacionog tela. Podaci o naseljima iz OpenStreetMap-a ostaju pod licencom Open Database Licence 1.0.',
  'data.sources': 'Izvori i navođenja',
  'data.src.rgz':
    'Granice opština i katastarske opštine: © Republički geodetski zavod (RGZ), Registar prostornih jedinica, otvoreni podaci; granice generalizovane.',
  'data.src.osm': 'Naselja: © OpenStreetMap saradnici, ODbL 1.0',
  'data.src.ne': 'Obris države: Natural Earth (javno dobro).',
  'data.src.iati': 'Šifarnici: IATI Standard (iatistandard.org), javno dobro.',
  'common.unspecified': 'Nije navedeno',
  'common.none': 'nijedan',
  'report.title': 'Godišnji izveštaj za {year}.',
  'report.pages': 'Godišnji izveštaji',
  'report.link': 'Godišnji izveštaji (PDF)',
  'report.intro':
    'Svaki izveštaj se pravi iz registra kada se otvori: zbirovi godine računati jednom, budžet po sektoru i po opštini, i programi i projekti koji su se sprovodili te godine.',
  'report.year': 'Godina',
  'report.open': 'Izveštaj za {year}. (PDF)',
  'report.figures': 'Zbirovi za {year}.',
  'report.projects': 'Programi i projekti koji su se sprovodili {year}. godine',
  'report.no_projects': 'Nijedan objavljen program ni projekat nije se sprovodio te godine.',
  'report.produced':
    'Napravljeno iz registra Koordinata {date}, sa podacima koje portal prikazuje.',
  'report.font':
    'PDF izveštaji su složeni fontom DejaVu Sans (licenca Bitstream Vera; izmene DejaVu su javno dobro).',
  'programme.partners': 'Partneri u programu i njegovim projektima',
  'programme.projects': 'Projekti ovog programa',
  'programme.record': 'Zapis programa: opis, rezultati, dokumenti',
  'common.more': 'više',
};

/** Names, codes and examples that stay as written inside Cyrillic text; {placeholders} too. */
function toCyrillic(s: string): string {
  return s
    .split(
      /(\{\w+\}|RGZ|OpenStreetMap|ODbL|Natural Earth|IATI|OpenAPI|API|JSON|iatistandard\.org|Open Database Licence|PDF|DejaVu Sans|DejaVu|Bitstream Vera|presevo|Preshevë|Прешево)/,
    )
    .map((part, i) => (i % 2 === 1 ? part : latinToCyrillic(part)))
    .join('');
}

/** Serbian Cyrillic is never translated separately: it is derived from the Latin catalogue. */
const catalogues: Record<Locale, Record<MessageKey, string>> = {
  en,
  sq,
  'sr-Latn': srLatn,
  'sr-Cyrl': Object.fromEntries(
    Object.entries(srLatn).map(([k, v]) => [k, toCyrillic(v)]),
  ) as Record<MessageKey, string>,
};

export function t(
  locale: Locale,
  key: MessageKey,
  vars: Record<string, string | number> = {},
): string {
  return catalogues[locale][key].replace(/\{(\w+)\}/g, (_m, name: string) =>
    String(vars[name] ?? `{${name}}`),
  );
}

/**
 * The first segment of the portal's addresses for each language: Serbian in Latin script is plain
 * /sr/ (the canonical address; /sr-Latn/ redirects there), Cyrillic /sr-Cyrl/.
 */
export const LOCALE_SEGMENTS: Record<Locale, string> = {
  sq: 'sq',
  'sr-Latn': 'sr',
  'sr-Cyrl': 'sr-Cyrl',
  en: 'en',
};

/** The language an address segment stands for, or null. */
export function localeOfSegment(segment: string): Locale | null {
  return LOCALES.find((l) => LOCALE_SEGMENTS[l] === segment) ?? null;
}

export function isLocale(s: string): s is Locale {
  return (LOCALES as readonly string[]).includes(s);
}

/** Picks the reader's language from Accept-Language; Serbian without a script means Latin. */
export function negotiateLocale(header: string | undefined): Locale {
  const wanted = (header ?? '')
    .split(',')
    .map((part) => {
      const [tag = '', q = 'q=1'] = part.trim().split(';');
      return { tag: tag.toLowerCase(), q: Number(q.replace('q=', '')) || 0 };
    })
    .sort((a, b) => b.q - a.q);
  for (const { tag } of wanted) {
    if (tag.startsWith('sq')) return 'sq';
    if (tag === 'sr-cyrl' || tag.startsWith('sr-cyrl')) return 'sr-Cyrl';
    if (tag.startsWith('sr') || tag.startsWith('bs') || tag.startsWith('hr')) return 'sr-Latn';
    if (tag.startsWith('en')) return 'en';
  }
  return 'sr-Latn';
}

const moneyFormats = new Map<string, Intl.NumberFormat>();

/** Formats money on the server: headless browsers lack Albanian number data (see STACK.md). */
export function formatMoney(locale: Locale, value: string, currency: string): string {
  const key = `${locale}|${currency}`;
  let f = moneyFormats.get(key);
  if (!f) {
    f = new Intl.NumberFormat(INTL_TAGS[locale], {
      style: 'currency',
      currency,
      maximumFractionDigits: 0,
    });
    moneyFormats.set(key, f);
  }
  return f.format(Number(value));
}

const numberFormats = new Map<Locale, Intl.NumberFormat>();

export function formatNumber(locale: Locale, n: number): string {
  let f = numberFormats.get(locale);
  if (!f) {
    f = new Intl.NumberFormat(INTL_TAGS[locale], { maximumFractionDigits: 0 });
    numberFormats.set(locale, f);
  }
  return f.format(n);
}

/** A short figure for chart labels: 17.5 M, 250 k. */
export function formatCompact(locale: Locale, value: string | number): string {
  return new Intl.NumberFormat(INTL_TAGS[locale], {
    notation: 'compact',
    maximumFractionDigits: 1,
  }).format(Number(value));
}

export function formatDate(locale: Locale, iso: string): string {
  return new Intl.DateTimeFormat(INTL_TAGS[locale], {
    dateStyle: 'medium',
    timeZone: 'UTC',
  }).format(new Date(`${iso.slice(0, 10)}T00:00:00Z`));
}
