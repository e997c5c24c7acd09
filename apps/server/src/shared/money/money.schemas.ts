import Type from 'typebox';

/** An amount as the API accepts it: a decimal string ("89.99") or a JSON number (89.99). */
export const AmountInput = Type.Union([Type.String({ pattern: '^-?\\d+(\\.\\d+)?$', maxLength: 20 }), Type.Number()], {
  description: 'Decimal string such as "89.99" (preferred) or a JSON number.',
});

/** An amount as the API writes it: always a decimal string. */
export const AmountOutput = Type.String({ pattern: '^-?\\d+(\\.\\d+)?$', description: 'Decimal string, e.g. "89.99".' });

export const CurrencyCode = Type.String({ pattern: '^[A-Z]{3}$', description: 'ISO 4217 code, e.g. EUR.' });
