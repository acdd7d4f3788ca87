import { describe, expect, it } from 'vitest';
import { escapeLike, foldForSearch, foldQuery, searchDocument } from './fold.js';

/** What `search_text LIKE '%' || escapeLike(foldQuery(q)) || '%'` does in SQL. */
function matches(document: string, query: string): boolean {
  return document.includes(foldQuery(query));
}

describe('foldForSearch', () => {
  it.each(['presevo', 'Preševo', 'PREŠEVO', 'Прешево', 'ПРЕШЕВО', 'prešEvo', 'Pres\u030Cevo'])(
    '%s → presevo',
    (text) => {
      expect(foldForSearch(text)).toBe('presevo');
    },
  );

  it.each([
    ['Preshevë', 'presheve'],
    ['PRESHEVË', 'presheve'],
    ['Medveđa', 'medvedja'],
    ['medvedja', 'medvedja'],
    ['МЕДВЕЂА', 'medvedja'],
    ['Медвеђа', 'medvedja'],
    ['medveda', 'medveda'],
    ['Medvegjë', 'medvegje'],
    ['Bujanovac', 'bujanovac'],
    ['Бујановац', 'bujanovac'],
    ['BUJANOVAC', 'bujanovac'],
    ['Bujanoc', 'bujanoc'],
    ['Čović', 'covic'],
    ['ЧОВИЋ', 'covic'],
    ['Njegoš', 'njegos'],
    ['Његош', 'njegos'],
    ['ЊЕГОШ', 'njegos'],
    ['NJEGOŠ', 'njegos'],
    ['Đorđe Đurić', 'djordje djuric'],
    ['Џемал Џ.', 'dzemal dz'],
    ['Ljubljana', 'ljubljana'],
    ['Pçinjë', 'pcinje'],
    ['çka', 'cka'],
  ])('%s → %s', (text, folded) => {
    expect(foldForSearch(text)).toBe(folded);
  });

  it('folds letters that have no combining-mark decomposition', () => {
    expect(foldForSearch('Straße ẞ')).toBe('strasse ss');
    expect(foldForSearch('Æsir Œuvre')).toBe('aesir oeuvre');
    expect(foldForSearch('Søren Łódź Þór Ðakovo')).toBe('soren lodz thor dakovo');
    expect(foldForSearch('İstanbul ı')).toBe('istanbul i');
  });

  it('unpacks compatibility forms', () => {
    expect(foldForSearch('ǅamija ǈubav')).toBe('dzamija ljubav');
    expect(foldForSearch('ﬁnansiranje')).toBe('finansiranje');
    expect(foldForSearch('ＥＵＲ ２０２４')).toBe('eur 2024');
  });

  it('turns runs of punctuation and spaces into one space and trims', () => {
    expect(foldForSearch('  Opština   Preševo — (2024.)!! ')).toBe('opstina presevo 2024');
    expect(foldForSearch('RS-24')).toBe('rs 24');
    expect(foldForSearch('d.o.o.')).toBe('d o o');
    expect(foldForSearch('e-mail: info@kt.gov.rs')).toBe('e mail info kt gov rs');
    expect(foldForSearch('snake_case\tand\nlines')).toBe('snake case and lines');
    expect(foldForSearch('50 % _x_ \\ "q"')).toBe('50 x q');
  });

  it('returns an empty string when nothing is left', () => {
    expect(foldForSearch('')).toBe('');
    expect(foldForSearch('   ')).toBe('');
    expect(foldForSearch('!!! — …')).toBe('');
  });

  it('keeps letters of other scripts, lower-cased and without accents', () => {
    expect(foldForSearch('Αθήνα')).toBe('αθηνα');
  });
});

describe('foldQuery', () => {
  it('is the same folding as foldForSearch', () => {
    for (const text of ['Medveđa', 'ПРЕШЕВО', ' Čović! ', '']) {
      expect(foldQuery(text)).toBe(foldForSearch(text));
    }
  });
});

describe('searchDocument', () => {
  it('joins the folded texts with " | " without empty or repeated parts', () => {
    expect(
      searchDocument(['Preševo', 'Прешево', 'Preshevë', null, undefined, '', '  ', 'PREŠEVO']),
    ).toBe('presevo | presheve');
  });

  it('adds a variant with đ as d for texts with đ in either script', () => {
    expect(searchDocument(['Medveđa', 'Медвеђа', 'Medvegjë'])).toBe(
      'medvedja | medveda | medvegje',
    );
    expect(searchDocument(['МЕДВЕЂА'])).toBe('medvedja | medveda');
    expect(searchDocument(['Đorđe Đurić'])).toBe('djordje djuric | dorde duric');
  });

  it('adds no variant for texts already written with dj', () => {
    expect(searchDocument(['Medvedja'])).toBe('medvedja');
  });

  it('is empty for no texts', () => {
    expect(searchDocument([])).toBe('');
    expect(searchDocument([null, undefined, ' - '])).toBe('');
  });

  it('lets every usual spelling find Medveđa', () => {
    const document = searchDocument(['Medveđa', 'Медвеђа', 'Medvegjë']);
    for (const query of [
      'medvedja',
      'medveda',
      'Medveđa',
      'МЕДВЕЂА',
      'медвеђа',
      'Medvegjë',
      'medvegje',
      'medv',
    ]) {
      expect(matches(document, query), query).toBe(true);
    }
    expect(matches(document, 'medvedza')).toBe(false);
  });

  it('lets every usual spelling find Preševo and Bujanovac', () => {
    const presevo = searchDocument(['Opština Preševo', 'Општина Прешево', 'Komuna e Preshevës']);
    for (const query of [
      'presevo',
      'Preševo',
      'PREŠEVO',
      'Прешево',
      'ПРЕШЕВО',
      'Preshevës',
      'preshev',
      'opstina pres',
    ]) {
      expect(matches(presevo, query), query).toBe(true);
    }
    const bujanovac = searchDocument(['Bujanovac', 'Бујановац', 'Bujanoc']);
    for (const query of ['bujanovac', 'Бујановац', 'BUJANOVAC', 'Bujanoc', 'bujano', 'БУЈАНО']) {
      expect(matches(bujanovac, query), query).toBe(true);
    }
  });

  it('finds people with and without diacritics', () => {
    const document = searchDocument(['Marko Čović', 'Петар Петровић Његош']);
    for (const query of [
      'Čović',
      'covic',
      'ЧОВИЋ',
      'Njegoš',
      'njegos',
      'Његош',
      'petrovic njegos',
    ]) {
      expect(matches(document, query), query).toBe(true);
    }
  });

  it('does not match across two texts', () => {
    const document = searchDocument(['Preševo', 'Bujanovac']);
    expect(document).toBe('presevo | bujanovac');
    expect(matches(document, 'presevo bujanovac')).toBe(false);
  });
});

describe('escapeLike', () => {
  it.each([
    ['plain', 'plain'],
    ['100%', '100\\%'],
    ['a_b', 'a\\_b'],
    ['c:\\x', 'c:\\\\x'],
    ['%_\\', '\\%\\_\\\\'],
    ['', ''],
  ])('%s → %s', (value, escaped) => {
    expect(escapeLike(value)).toBe(escaped);
  });

  it('has nothing to escape in a folded query', () => {
    const folded = foldQuery('50% _x_ \\ y');
    expect(escapeLike(folded)).toBe(folded);
  });
});
