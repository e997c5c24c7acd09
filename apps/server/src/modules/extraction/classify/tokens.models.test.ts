import { describe, expect, it } from 'vitest';
import { buildLayout } from '../text/layout.models.ts';
import { documentFeatures, layoutTokens, senderFeature, tokenize } from './tokens.models.ts';

const stems = (text: string) => tokenize(text).map((token) => token.stem);

describe('tokens', () => {
  it('stems German words and folds umlauts, so inflections meet', () => {
    expect(stems('Mahnungen')).toEqual(stems('Mahnung'));
    expect(stems('Kündigungsfrist')).toContain('kundigungsfrist');
    expect(stems('Versicherungen')).toEqual(['versicher']);
  });

  it('leaves out function words, digits and two-letter words', () => {
    expect(stems('Sehr geehrte Frau Beispiel, wir bitten um 12,50 € bis zum 03.04.')).toEqual(['beispiel', 'bitt']);
  });

  it.each([
    ['Abschlagsrechnung', 'rechnung'],
    ['Hausratversicherungsschein', 'schein'],
    ['Versicherungsnummer', 'versicher'],
    ['Kinderreisepass', 'pass'],
    ['Heilmittelverordnung', 'verordn'],
    ['Untersuchungstermin', 'termin'],
  ])('counts a known part of the compound %s on its own', (word, part) => {
    expect(stems(word)).toContain(part);
  });

  it.each(['Passwort', 'Bonus', 'Terminal', 'wahrscheinlich'])('finds no document part in %s', (word) => {
    expect(tokenize(word)).toHaveLength(1);
  });

  it('keeps the printed word for explanations', () => {
    const [token, part] = tokenize('Abschlagsrechnung');
    expect(token).toEqual({ stem: 'abschlagsrechn', word: 'Abschlagsrechnung' });
    expect(part).toEqual({ stem: 'rechnung', word: 'Abschlagsrechnung' });
  });

  it('marks the words of short lines near the top as heading words', () => {
    const features = documentFeatures('2. Mahnung\nwir haben Ihre Zahlung noch nicht erhalten, bitte zahlen Sie umgehend.');
    expect(features).toContain('^mahnung');
    expect(features).toContain('mahnung');
    expect(features).not.toContain('^zahlung');
  });

  it('repairs letter-spaced headings before reading them', () => {
    expect(layoutTokens(buildLayout('M A H N U N G')).map((token) => token.stem)).toContain('mahnung');
  });

  it('turns a sender into one feature, spelled the same whatever its punctuation', () => {
    expect(senderFeature('Stadtwerke Musterstadt GmbH')).toBe('sender:stadtwerke musterstadt gmbh');
    expect(senderFeature('STADTWERKE  Musterstadt-GmbH')).toBe('sender:stadtwerke musterstadt gmbh');
    expect(senderFeature(' – ')).toBeUndefined();
    expect(documentFeatures('Rechnung', 'Stadtwerke Musterstadt GmbH')).toContain('sender:stadtwerke musterstadt gmbh');
  });

  it('lists each feature once', () => {
    const features = documentFeatures('Rechnung Rechnung Rechnung\nRechnung');
    expect(new Set(features).size).toBe(features.length);
  });
});
