import { describe, expect, it } from 'vitest';
import { ublInvoice } from './testing/made-documents.ts';
import { threadUnderstander } from './understand.thread.ts';
import { UnreadableDocumentError } from './understand.models.ts';

const invoice = Buffer.from(ublInvoice({ number: 'R-1', issueDate: '2026-11-02', seller: 'Stadtwerke', buyer: 'Anna', net: '10.00', tax: '1.90', gross: '11.90' }));

describe('threadUnderstander', () => {
  it('reads documents in its thread and passes readable failures back as such', async () => {
    const reader = threadUnderstander({ timeoutMs: 30_000 });
    try {
      const [first, second] = await Promise.all([reader.understand([{ bytes: invoice, mime: 'application/xml' }], { maxPages: 5 }), reader.understand([{ bytes: invoice, mime: 'application/xml' }], { maxPages: 5 })]);
      expect(first.understanding.facts).toMatchObject({ amount: '11.90', invoice_number: 'R-1' });
      expect(second.understanding.type).toBe('invoice');
      expect(second.thumbnail).toBeNull(); // XML has no picture
      const failure = await reader.understand([{ bytes: Buffer.from('<!DOCTYPE x><Invoice/>'), mime: 'application/xml' }], { maxPages: 5 }).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(UnreadableDocumentError);
      expect((failure as UnreadableDocumentError).reason).toBe('xml_refused');
    } finally {
      await reader.close();
    }
  });

  it('stops a document that takes too long, and reads the next one in a fresh thread', async () => {
    const reader = threadUnderstander({ timeoutMs: 30_000 });
    try {
      // No read finishes in 1 ms, not even the thread's start.
      const slow = await reader.understand([{ bytes: invoice, mime: 'application/xml' }], { maxPages: 5 }, 1).catch((error: unknown) => error);
      expect(slow).toBeInstanceOf(UnreadableDocumentError);
      expect((slow as UnreadableDocumentError).reason).toBe('timeout');
      expect((await reader.understand([{ bytes: invoice, mime: 'application/xml' }], { maxPages: 5 })).understanding.facts.amount).toBe('11.90');
    } finally {
      await reader.close();
    }
  });
});
