import { describe, expect, it } from 'vitest';
import { foldForSearch, matchesAllTokens, searchTokens } from './fold.js';

describe('text folded for search', () => {
  it.each([
    ['Łódź', 'lodz'],
    ['ŁÓDŹ', 'lodz'],
    ['Škoda', 'skoda'],
    ['Ελλάδα', 'ελλαδα'],
    ['ΕΛΛΆΔΑ', 'ελλαδα'],
    ['Ἀθῆναι', 'αθηναι'],
    ['λόγος', 'λογοσ'],
    ['Straße', 'strasse'],
    ['Øresund', 'oresund'],
    ['Æbeltoft', 'aebeltoft'],
    ['Œuvre', 'oeuvre'],
    ['Đakovo', 'dakovo'],
    ['Diyarbakır', 'diyarbakir'],
    ['Ħamrun', 'hamrun'],
    ['Þingvellir', 'thingvellir'],
    ['Peña', 'pena'],
    ['Ærø', 'aero'],
    ['Cluj-Napoca', 'cluj-napoca'],
    ['Пловдив', 'пловдив'],
    ['Йошкар', 'иошкар'],
    ['ﬁnal', 'final'],
    ['Český Těšín', 'cesky tesin'],
    ['Klaipėda', 'klaipeda'],
    ['Rīga', 'riga'],
    ['Ĝ', 'g'],
  ])('%s folds to %s', (text, folded) => {
    expect(foldForSearch(text)).toBe(folded);
  });

  it('splits into words of letters and digits, as the indexes do', () => {
    expect(searchTokens(foldForSearch('Balticconnector: 77 km — Inkoo/Paldiski'))).toEqual([
      'balticconnector',
      '77',
      'km',
      'inkoo',
      'paldiski',
    ]);
  });

  it('matches when every word asked for begins a word of the text', () => {
    const text = foldForSearch('Damage to the Balticconnector near Łódź');
    expect(matchesAllTokens(text, ['baltic', 'lodz'])).toBe(true);
    expect(matchesAllTokens(text, ['connector'])).toBe(false);
    expect(matchesAllTokens(text, ['baltic', 'gdansk'])).toBe(false);
  });
});
