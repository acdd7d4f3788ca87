import { describe, expect, it } from 'vitest';
import { cyrillicToLatin, detectScript, latinToCyrillic } from './transliterate.js';
import { GLOSSARY_PAIRS, SETTLEMENT_PAIRS } from './transliterate.fixtures.js';

const LATIN_ALPHABET = 'a b c č ć d dž đ e f g h i j k l lj m n nj o p r s š t u v z ž';
const CYRILLIC_ALPHABET = 'а б ц ч ћ д џ ђ е ф г х и ј к л љ м н њ о п р с ш т у в з ж';
const LATIN_CAPITALS = 'A B C Č Ć D Dž Đ E F G H I J K L Lj M N Nj O P R S Š T U V Z Ž';
const CYRILLIC_CAPITALS = 'А Б Ц Ч Ћ Д Џ Ђ Е Ф Г Х И Ј К Л Љ М Н Њ О П Р С Ш Т У В З Ж';

describe('latinToCyrillic: alphabet', () => {
  it('maps all 30 letters in both cases', () => {
    expect(latinToCyrillic(LATIN_ALPHABET)).toBe(CYRILLIC_ALPHABET);
    expect(latinToCyrillic(LATIN_CAPITALS)).toBe(CYRILLIC_CAPITALS);
    expect(latinToCyrillic(LATIN_CAPITALS.toUpperCase())).toBe(CYRILLIC_CAPITALS);
  });

  it.each([
    ['lj', 'љ'],
    ['Lj', 'Љ'],
    ['LJ', 'Љ'],
    ['lJ', 'љ'],
    ['nj', 'њ'],
    ['Nj', 'Њ'],
    ['NJ', 'Њ'],
    ['dž', 'џ'],
    ['Dž', 'Џ'],
    ['DŽ', 'Џ'],
  ])('digraph %s → %s', (latin, cyrillic) => {
    expect(latinToCyrillic(latin)).toBe(cyrillic);
  });

  it('reads the legacy one-character digraphs U+01C4–U+01CC', () => {
    expect(latinToCyrillic('ǈubav ǋegoš ǅemal ǉ ǌ ǆ Ǉ Ǌ Ǆ')).toBe('Љубав Његош Џемал љ њ џ Љ Њ Џ');
  });

  it('composes decomposed diacritics first (NFC)', () => {
    expect(latinToCyrillic('Pres\u030Cevo C\u030Cac\u030Cak')).toBe('Прешево Чачак');
  });
});

describe('latinToCyrillic: words', () => {
  it.each([
    ['Preševo', 'Прешево'],
    ['Bujanovac', 'Бујановац'],
    ['Medveđa', 'Медвеђа'],
    ['MEDVEĐA', 'МЕДВЕЂА'],
    ['Ljubljana', 'Љубљана'],
    ['LJUBLJANA', 'ЉУБЉАНА'],
    ['Njegoš', 'Његош'],
    ['NJEGOŠ', 'ЊЕГОШ'],
    ['konj', 'коњ'],
    ['konjima', 'коњима'],
    ['Džemal', 'Џемал'],
    ['DŽEMAL', 'ЏЕМАЛ'],
    ['džep', 'џеп'],
    ['odžak', 'оџак'],
    ['Odžaci', 'Оџаци'],
    ['nadžak', 'наџак'],
    ['hodža', 'хоџа'],
    ['Đorđe', 'Ђорђе'],
    ['Čović', 'Човић'],
    ['ćevapčići', 'ћевапчићи'],
    ['šuma', 'шума'],
    ['žaba', 'жаба'],
    ['jaje', 'јаје'],
    ['Vojvodina', 'Војводина'],
    ['Koordinaciono telo', 'Координационо тело'],
    ['Međunarodna zajednica', 'Међународна заједница'],
    ['budžet', 'буџет'],
    ['sprovođenju', 'спровођењу'],
    ['svinjica', 'свињица'],
    ['tanjir', 'тањир'],
    ['podjednako', 'подједнако'],
    ['sinjorina', 'сињорина'],
  ])('%s → %s', (latin, cyrillic) => {
    expect(latinToCyrillic(latin)).toBe(cyrillic);
  });

  it('reads "dj" as d + j, never as đ', () => {
    expect(latinToCyrillic('Djordje Medvedja dj Dj DJ')).toBe('Дјордје Медведја дј Дј ДЈ');
  });
});

describe('latinToCyrillic: n+j and d+ž exceptions', () => {
  it.each([
    ['injekcija', 'инјекција'],
    ['injekcije', 'инјекције'],
    ['Injekcijom', 'Инјекцијом'],
    ['INJEKCIJA', 'ИНЈЕКЦИЈА'],
    ['injektor', 'инјектор'],
    ['injicirati', 'инјицирати'],
    ['injunkcija', 'инјункција'],
    ['konjunktura', 'конјунктура'],
    ['konjunkturni', 'конјунктурни'],
    ['konjunkcija', 'конјункција'],
    ['konjugacija', 'конјугација'],
    ['konjektura', 'конјектура'],
    ['vanjezički', 'ванјезички'],
    ['vanjezičkog', 'ванјезичког'],
    ['Tanjug', 'Танјуг'],
    ['Tanjuga', 'Танјуга'],
    ['TANJUG', 'ТАНЈУГ'],
    ['nadživeti', 'надживети'],
    ['nadživljavati', 'надживљавати'],
    ['Nadživeo', 'Надживео'],
    ['nadžnjeti', 'наджњети'],
    ['podžanr', 'поджанр'],
    ['podžanrovi', 'поджанрови'],
    ['podžupan', 'поджупан'],
    ['podžupanija', 'поджупанија'],
    ['podželudačna', 'поджелудачна'],
    ['odžaliti', 'оджалити'],
    ['ODŽALITI', 'ОДЖАЛИТИ'],
    ['odživeti', 'одживети'],
    ['predžetveni', 'преджетвени'],
  ])('%s → %s', (latin, cyrillic) => {
    expect(latinToCyrillic(latin)).toBe(cyrillic);
  });

  it('applies exceptions at the start of a word only', () => {
    expect(latinToCyrillic('svinjica podinjekcija')).toBe('свињица подињекција');
  });

  it('applies them to each word of a sentence', () => {
    expect(latinToCyrillic('Injekcija je nadživela konja, javlja Tanjug.')).toBe(
      'Инјекција је надживела коња, јавља Танјуг.',
    );
  });
});

describe('latinToCyrillic: what stays Latin', () => {
  it.each([
    ['Iznos u EUR', 'Износ у EUR'],
    ['100 RSD, 50 USD, 20 CHF, 10 SEK i 5 NOK', '100 RSD, 50 USD, 20 CHF, 10 SEK и 5 NOK'],
    ['(EUR/RSD)', '(EUR/RSD)'],
    ['Izvoz u XML, CSV, XLSX, PDF i JSON', 'Извоз у XML, CSV, XLSX, PDF и JSON'],
    ['IATI standard', 'IATI стандард'],
    ['URL adresa', 'URL адреса'],
    ['Preuzmi pdf ili xlsx', 'Преузми pdf или xlsx'],
    ['izveštaj.pdf', 'извештај.pdf'],
    ['Pčinjski okrug (RS-24)', 'Пчињски округ (RS-24)'],
    ['Šifra XM-DAC-41114-PROJECT-00058294.', 'Шифра XM-DAC-41114-PROJECT-00058294.'],
    ['Program H2020, format A4, COVID-19', 'Програм H2020, формат A4, COVID-19'],
    ['XXI vek', 'XXI век'],
    ['Bukarevac II i Žujince I', 'Букаревац II и Жујинце И'],
    ['faza IV, poglavlje XII', 'фаза IV, поглавље XII'],
  ])('%s → %s', (latin, cyrillic) => {
    expect(latinToCyrillic(latin)).toBe(cyrillic);
  });

  it('keeps URLs, bare domains and e-mail addresses', () => {
    expect(
      latinToCyrillic(
        'Vidi http://www.kt.gov.rs/sr/articles/o-nama/ i https://europa.rs/sta-radimo/?lang=sr.',
      ),
    ).toBe(
      'Види http://www.kt.gov.rs/sr/articles/o-nama/ и https://europa.rs/sta-radimo/?lang=sr.',
    );
    expect(latinToCyrillic('sajt www.undp.org ili kt.gov.rs')).toBe(
      'сајт www.undp.org или kt.gov.rs',
    );
    expect(latinToCyrillic('Pišite na kancelarija.presevo@kt.gov.rs danas')).toBe(
      'Пишите на kancelarija.presevo@kt.gov.rs данас',
    );
  });

  it('keeps {placeholders}', () => {
    expect(latinToCyrillic('Opština {name}')).toBe('Општина {name}');
    expect(latinToCyrillic('Ukupno {sum} za {year}. godinu')).toBe(
      'Укупно {sum} за {year}. годину',
    );
    expect(latinToCyrillic('{0} i {1}')).toBe('{0} и {1}');
  });

  it('keeps ICU syntax and transliterates the sub-messages of plural and select', () => {
    expect(
      latinToCyrillic('{count, plural, one {# projekat} few {# projekta} other {# projekata}}'),
    ).toBe('{count, plural, one {# пројекат} few {# пројекта} other {# пројеката}}');
    expect(latinToCyrillic('{n, plural, =0 {Nema projekata} other {# projekata u {place}}}')).toBe(
      '{n, plural, =0 {Нема пројеката} other {# пројеката у {place}}}',
    );
    expect(latinToCyrillic('{n, plural, offset:1 one {ti i još jedan} other {ti i još #}}')).toBe(
      '{n, plural, offset:1 one {ти и још један} other {ти и још #}}',
    );
    expect(latinToCyrillic('{role, select, donor {Donator} other {Partner}}')).toBe(
      '{role, select, donor {Донатор} other {Партнер}}',
    );
    expect(latinToCyrillic('Iznos: {amount, number, ::currency/EUR}, datum: {d, date, long}')).toBe(
      'Износ: {amount, number, ::currency/EUR}, датум: {d, date, long}',
    );
  });

  it('treats braces that are not ICU arguments as text', () => {
    expect(latinToCyrillic('{videti dole}')).toBe('{видети доле}');
    expect(latinToCyrillic('zagrada { šta } i }')).toBe('заграда { шта } и }');
    expect(latinToCyrillic('{{name}} i {nije, kraj')).toBe('{{name}} и {није, крај');
  });

  it('transliterates organisation acronyms and names', () => {
    expect(latinToCyrillic('UNDP, OEBS, EU, PBILD, MIR 1, UNOPS')).toBe(
      'УНДП, ОЕБС, ЕУ, ПБИЛД, МИР 1, УНОПС',
    );
    expect(latinToCyrillic('EU PRO Plus i Evropski PROGRES')).toBe(
      'ЕУ ПРО Плус и Европски ПРОГРЕС',
    );
    expect(latinToCyrillic('Sl. glasnik RS 26/2009')).toBe('Сл. гласник РС 26/2009');
    expect(latinToCyrillic('DA LI JE VLADA RS')).toBe('ДА ЛИ ЈЕ ВЛАДА РС');
  });

  it('transliterates numerals with a Serbian ending', () => {
    expect(latinToCyrillic('90-ih, 10-ak ljudi, 1990-ih')).toBe('90-их, 10-ак људи, 1990-их');
  });

  it('keeps whole words that have letters Serbian does not (Albanian, foreign)', () => {
    expect(latinToCyrillic('Preshevë, Zhujë, Tuxhec, Medvegjë')).toBe(
      'Preshevë, Zhujë, Tuxhec, Medvegjë',
    );
    expect(latinToCyrillic('Wolfgang Müller i José')).toBe('Wolfgang Müller и José');
    expect(latinToCyrillic('qytet, yes, xenon, çka')).toBe('qytet, yes, xenon, çka');
  });

  it('copies digits, punctuation, spaces and emoji', () => {
    const text = '2024. — 15,5 % „…“ \t\n 🙂 1.234.567,89';
    expect(latinToCyrillic(text)).toBe(text);
    expect(latinToCyrillic('')).toBe('');
  });

  it('leaves Cyrillic text as it is', () => {
    const cyrillic = 'Координационо тело, Прешево и Медвеђа, EUR';
    expect(latinToCyrillic(cyrillic)).toBe(cyrillic);
  });
});

describe('latinToCyrillic: reference data', () => {
  it.each(GLOSSARY_PAIRS)('glossary: %s → %s', (latin, cyrillic) => {
    expect(latinToCyrillic(latin)).toBe(cyrillic);
  });

  it('matches the Cyrillic names of all settlements of the three municipalities', () => {
    const wrong = SETTLEMENT_PAIRS.filter(
      ([latin, cyrillic]) => latinToCyrillic(latin) !== cyrillic,
    );
    expect(wrong).toEqual([]);
    expect(SETTLEMENT_PAIRS.length).toBeGreaterThan(100);
  });
});

describe('cyrillicToLatin', () => {
  it('maps all 30 letters in both cases', () => {
    expect(cyrillicToLatin(CYRILLIC_ALPHABET)).toBe(LATIN_ALPHABET);
    expect(cyrillicToLatin(CYRILLIC_CAPITALS)).toBe(LATIN_CAPITALS);
  });

  it.each([
    ['Љубав', 'Ljubav'],
    ['ЉУБАВ', 'LJUBAV'],
    ['љубав', 'ljubav'],
    ['Љ', 'Lj'],
    ['Љ.', 'Lj.'],
    ['ПЉ', 'PLJ'],
    ['ЗЕМЉА', 'ZEMLJA'],
    ['Његош', 'Njegoš'],
    ['ЊЕГОШ', 'NJEGOŠ'],
    ['Џемал', 'Džemal'],
    ['ЏЕМАЛ', 'DŽEMAL'],
    ['ЏЕП, Џеп, џеп', 'DŽEP, Džep, džep'],
    // A capital standing alone is usually an initial, so it comes back title-case.
    ['Љ. Поповић и Џ. Њ.', 'Lj. Popović i Dž. Nj.'],
    ['Медвеђа', 'Medveđa'],
    ['МЕДВЕЂА', 'MEDVEĐA'],
    ['Чачак, Ћуприја, Шабац, Жагубица', 'Čačak, Ćuprija, Šabac, Žagubica'],
    ['инјекција', 'injekcija'],
    ['надживети', 'nadživeti'],
  ])('%s → %s', (cyrillic, latin) => {
    expect(cyrillicToLatin(cyrillic)).toBe(latin);
  });

  it('copies Latin text, placeholders and letters of other Cyrillic alphabets', () => {
    expect(cyrillicToLatin('Износ у EUR за {year}')).toBe('Iznos u EUR za {year}');
    expect(cyrillicToLatin('Москва: я ы ё ѓ ќ ѕ')).toBe('Moskva: я ы ё ѓ ќ ѕ');
    expect(cyrillicToLatin('')).toBe('');
  });

  it.each(GLOSSARY_PAIRS)('glossary: %s ← %s', (latin, cyrillic) => {
    expect(cyrillicToLatin(cyrillic)).toBe(latin);
  });
});

describe('round trips', () => {
  const latinTexts = [
    LATIN_ALPHABET,
    LATIN_CAPITALS,
    'Koordinaciono telo Vlade Republike Srbije za opštine Preševo, Bujanovac i Medveđa',
    'KOORDINACIONO TELO ZA OPŠTINE PREŠEVO, BUJANOVAC I MEDVEĐA',
    'Ljiljana Njegovan i Džemal Đurđević žive u Ljiljancu.',
    'LJILJANA NJEGOVAN I DŽEMAL ĐURĐEVIĆ',
    'Injekcija, konjunktura, vanjezički, Tanjug, konjugacija, injicirati.',
    'INJEKCIJA KONJUNKTURA VANJEZIČKI TANJUG',
    'Nadživeti, podžanr, odžaliti, podžupan, nadžnjeti, predžetveni, podželudačna.',
    'odžak, hodža, nadžak, džep, svinjica, tanjir, Djordje',
    'Iznos od 1.500.000,00 RSD (12.800 EUR) za 2024. godinu, RS-24, XM-DAC-41114-PROJECT-00058294.',
    '{count, plural, one {# projekat} few {# projekta} other {# projekata}}',
    'Vidi https://www.kt.gov.rs/sr/ ili piši na info@kt.gov.rs.',
    'UNDP, OEBS, EU PRO Plus, PBILD, MIR 2, XXI vek, Bukarevac II',
    'Preshevë dhe Bujanoc, Wolfgang Müller',
  ];

  it.each(latinTexts)('Latin → Cyrillic → Latin: %s', (latin) => {
    expect(cyrillicToLatin(latinToCyrillic(latin))).toBe(latin);
  });

  it.each([
    'Прешево, Бујановац и Медвеђа',
    'ЉУБАВ, Љубав, љубав; ЊЕГОШ, Његош; ЏЕП, Џеп',
    'Инјекција, конјунктура, ванјезички, Танјуг',
    'надживети, поджанр, оджалити, поджупан',
    'оџак, хоџа, свињица, тањир',
    'Износ у EUR и RSD, RS-24',
  ])('Cyrillic → Latin → Cyrillic: %s', (cyrillic) => {
    expect(latinToCyrillic(cyrillicToLatin(cyrillic))).toBe(cyrillic);
  });

  it('round-trips every glossary and settlement name', () => {
    for (const [latin] of [...GLOSSARY_PAIRS, ...SETTLEMENT_PAIRS]) {
      expect(cyrillicToLatin(latinToCyrillic(latin))).toBe(latin);
    }
  });
});

describe('detectScript', () => {
  it.each([
    ['Preševo', 'Latn'],
    ['Preshevë', 'Latn'],
    ['Project summary', 'Latn'],
    ['Прешево', 'Cyrl'],
    ['ПРЕШЕВО 2024', 'Cyrl'],
    ['Прешево (Preševo)', 'mixed'],
    ['Износ у EUR', 'Cyrl'],
    ['Пројекат XM-DAC-41114-PROJECT-00058294, види https://kt.gov.rs', 'Cyrl'],
    ['{count, plural, one {# пројекат} other {# пројеката}}', 'Cyrl'],
    ['{count, plural, one {# projekat} other {# projekata}}', 'Latn'],
    ['Општина {name}', 'Cyrl'],
    ['', 'none'],
    ['   ', 'none'],
    ['2024. – 15 %', 'none'],
    ['EUR 100', 'none'],
    ['{name}', 'none'],
    ['info@kt.gov.rs', 'none'],
    ['Αθήνα', 'none'],
  ] as const)('%s → %s', (text, script) => {
    expect(detectScript(text)).toBe(script);
  });
});
