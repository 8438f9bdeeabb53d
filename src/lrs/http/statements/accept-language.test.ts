import { describe, expect, it } from 'vitest';
import { parseAcceptLanguage, pickLanguage } from './accept-language.js';

describe('Accept-Language for canonical statements', () => {
  it('orders language ranges by quality, keeping header order on ties and dropping q=0', () => {
    expect(parseAcceptLanguage('de;q=0.5, fr-CA, en;q=0.8, es;q=0')).toEqual(['fr-ca', 'en', 'de']);
    expect(parseAcceptLanguage(undefined)).toEqual([]);
  });

  it('keeps the first preferred language a map has, by exact tag or prefix, else its first entry', () => {
    const map = { 'en-US': 'colour', 'fr-FR': 'couleur', de: 'Farbe' };
    expect(pickLanguage(map, ['fr'])).toEqual({ 'fr-FR': 'couleur' });
    expect(pickLanguage(map, ['de-AT', 'en'])).toEqual({ de: 'Farbe' });
    expect(pickLanguage(map, ['ja'])).toEqual({ 'en-US': 'colour' });
    expect(pickLanguage(map, ['*'])).toEqual({ 'en-US': 'colour' });
  });
});
