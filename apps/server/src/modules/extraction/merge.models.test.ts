import { describe, expect, it } from 'vitest';
import type { SourceExtraction } from './extraction.types.ts';
import { deleteFact, getFact, mergeSources, setFact } from './merge.models.ts';
import { documentTitle } from './title.models.ts';

const xml: SourceExtraction = {
  type: 'invoice', typeConfidence: 1, typeReason: 'e-invoice type code 380',
  facts: { amount: '119.00', invoice_number: 'R-1', sender: { name: 'Stadtwerke GmbH' }, line_items: [] },
  fields: { amount: { source: 'einvoice', confidence: 1 }, invoice_number: { source: 'einvoice', confidence: 1 }, 'sender.name': { source: 'einvoice', confidence: 1 } },
};
const text: SourceExtraction = {
  type: 'reminder', typeConfidence: 0.7, typeReason: 'words: "Mahnung"',
  facts: { amount: '120.00', due_date: '2026-12-01', sender: { name: 'Stadtwerke', address: 'Hauptstr. 1' }, line_items: [{ description: 'Strom', amount: '100.00' }] },
  fields: { amount: { source: 'text', confidence: 0.8 }, due_date: { source: 'text', confidence: 0.9 }, 'sender.name': { source: 'text', confidence: 0.6 }, 'sender.address': { source: 'text', confidence: 0.7 }, line_items: { source: 'text', confidence: 0.5 } },
};

describe('mergeSources', () => {
  it('takes each field from the first source that has it, and fills gaps from the next', () => {
    const merged = mergeSources([xml, text]);
    expect(merged.facts).toEqual({ amount: '119.00', invoice_number: 'R-1', due_date: '2026-12-01', sender: { name: 'Stadtwerke GmbH', address: 'Hauptstr. 1' }, line_items: [{ description: 'Strom', amount: '100.00' }] });
    expect(merged.fields).toMatchObject({ amount: { source: 'einvoice' }, due_date: { source: 'text' }, 'sender.name': { source: 'einvoice' }, 'sender.address': { source: 'text' }, line_items: { source: 'text' } });
    expect(merged).toMatchObject({ type: 'invoice', typeReason: 'e-invoice type code 380' });
  });

  it('takes the legal name behind a brand only from the source whose sender name it took', () => {
    const branded: SourceExtraction = {
      facts: { sender: { name: 'Funkwelle', legal_name: 'Telemax Kommunikation GmbH' } },
      fields: { 'sender.name': { source: 'text', confidence: 0.8 }, 'sender.legal_name': { source: 'text', confidence: 0.85 } },
    };
    expect(mergeSources([xml, branded]).facts.sender).toEqual({ name: 'Stadtwerke GmbH' });
    expect(mergeSources([{ facts: {}, fields: {} }, branded]).facts.sender).toEqual({ name: 'Funkwelle', legal_name: 'Telemax Kommunikation GmbH' });
  });

  it('calls a document no source recognises `other`', () => {
    expect(mergeSources([{ facts: {}, fields: {} }])).toMatchObject({ type: 'other', typeConfidence: 0, facts: {} });
  });
});

describe('dotted fact access', () => {
  it('reads, writes and removes nested facts, dropping an emptied object', () => {
    const facts = {};
    setFact(facts, 'payment_info.iban', 'DE89370400440532013000');
    expect(getFact(facts, 'payment_info.iban')).toBe('DE89370400440532013000');
    expect(getFact(facts, 'payment_info.bic')).toBeUndefined();
    deleteFact(facts, 'payment_info.iban');
    expect(facts).toEqual({});
    expect(getFact({ invoice_number: '' }, 'invoice_number')).toBeUndefined();
  });
});

describe('documentTitle', () => {
  it.each([
    ['invoice', { sender: { name: 'Telekom Deutschland GmbH' }, issue_date: '2026-01-14' }, 'de', 'Telekom Deutschland GmbH — Rechnung Januar 2026'],
    ['credit_note', { sender: { name: 'Versand  Nord\n AG' }, issue_date: '2026-03-01' }, 'de', 'Versand Nord AG — Gutschrift März 2026'],
    ['reminder', { sender: { name: 'Stadtwerke' }, issue_date: '2026-03-01' }, 'en', 'Stadtwerke — Payment reminder March 2026'],
    ['invoice', { sender: { name: 'Stadtwerke' } }, 'de', 'Stadtwerke — Rechnung'],
    ['other', {}, 'de', 'Dokument: scan.pdf'],
    ['invoice', { issue_date: '2026-13-45' }, 'en', 'Invoice: a.xml'],
  ] as const)('%s %j in %s -> %s', (type, facts, language, expected) => {
    expect(documentTitle(type, facts, language, type === 'other' ? 'scan.pdf' : 'a.xml')).toBe(expected);
  });

  it('never exceeds the column', () => {
    expect(documentTitle('invoice', { sender: { name: 'x'.repeat(400) } }, 'de').length).toBe(255);
  });
});
