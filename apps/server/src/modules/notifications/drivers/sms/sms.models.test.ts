import { describe, expect, it } from 'vitest';
import { sampleMessage } from '../../channel-drivers.test-suite.ts';
import { DeliveryError } from '../../notifications.types.ts';
import { buildSmsRequest, composeSmsText, isGsm7, measureSms, planOf, renderTemplate, shortenToFit, smsValuesOf, toGsmLookalikes, type SmsValues } from './sms.models.ts';
import type { SmsConfig, SmsCredentials } from './sms.schemas.ts';

const URL = 'https://workmate.example/tasks/0b7e2c1a-0000-4000-8000-000000000001';
const a = (n: number) => 'a'.repeat(n);

describe('measureSms', () => {
  it.each([
    ['empty', '', 'gsm7', 0, 1],
    ['160 GSM characters', a(160), 'gsm7', 160, 1],
    ['161 GSM characters', a(161), 'gsm7', 161, 2],
    ['306 GSM characters', a(306), 'gsm7', 306, 2],
    ['307 GSM characters', a(307), 'gsm7', 307, 3],
    ['German umlauts and ß are GSM-7', 'Grüße aus Köln: Äpfel, Öl, Übermaß, é, à', 'gsm7', 40, 1],
    ['80 euro signs (two septets each)', '€'.repeat(80), 'gsm7', 160, 1],
    ['81 euro signs', '€'.repeat(81), 'gsm7', 162, 2],
    ['other extension characters count double', '{}[]~|^\\', 'gsm7', 16, 1],
    // 152 + the escape pair does not fit into the first 153-septet part: the pair moves on whole.
    ['an escape pair is not split across parts', `${a(152)}€${a(152)}`, 'gsm7', 306, 3],
    ['a lowercase ç is not GSM-7', 'Façade', 'ucs2', 6, 1],
    ['70 UCS-2 units', `Ж${a(69)}`, 'ucs2', 70, 1],
    ['71 UCS-2 units', `Ж${a(70)}`, 'ucs2', 71, 2],
    ['134 UCS-2 units', `Ж${a(133)}`, 'ucs2', 134, 2],
    ['135 UCS-2 units', `Ж${a(134)}`, 'ucs2', 135, 3],
    ['an emoji counts two units', '😀', 'ucs2', 2, 1],
    ['a surrogate pair is not split across parts', `${a(66)}😀${a(66)}`, 'ucs2', 134, 3],
    ['an en dash forces UCS-2', 'Telekom – morgen', 'ucs2', 16, 1],
  ])('%s', (_case, text, encoding, units, segments) => {
    expect(measureSms(text)).toEqual({ encoding, units, segments });
  });
});

describe('toGsmLookalikes', () => {
  it.each([
    ['Telekom: 89,99 € – 3 Tage überfällig', 'Telekom: 89,99 € - 3 Tage überfällig'],
    ['„Vertrag“ ‚kurz‘ «fr» »de«', '"Vertrag" \'kurz\' "fr" "de"'],
    ['Warte…', 'Warte...'],
    ['89,99\u00a0€ und 5\u202f%', '89,99 € und 5 %'],
    ['• Punkt', '- Punkt'],
    ['Čapek, Ærø, 東京', 'Čapek, Ærø, 東京'],
  ])('%j -> %j', (input, expected) => {
    expect(toGsmLookalikes(input)).toBe(expected);
  });

  it('keeps a typical German reminder in GSM-7', () => {
    expect(isGsm7(toGsmLookalikes('Telekom: 89,99 € – 3 Tage überfällig. Kein Drama – eine Überweisung heute, und es ist vom Tisch.'))).toBe(true);
  });
});

describe('composeSmsText', () => {
  it('sends title, body and link on their own lines when they fit two segments', () => {
    const message = sampleMessage();
    const text = composeSmsText(message);
    expect(text).toBe(`${message.title}\n${message.body}\n${message.url}`);
    expect(measureSms(text)).toMatchObject({ encoding: 'gsm7', segments: 2 });
  });

  it('writes an English message as given', () => {
    const text = composeSmsText({ title: 'Müller GmbH: €1,250.00 due tomorrow', body: 'The invoice from Müller GmbH is due tomorrow.', url: URL });
    expect(text).toBe(`Müller GmbH: €1,250.00 due tomorrow\nThe invoice from Müller GmbH is due tomorrow.\n${URL}`);
  });

  it('does not repeat the title of a discreet message, whose body already starts with it', () => {
    expect(composeSmsText({ title: 'Workmate', body: 'Workmate: 1 Sache braucht dich', url: URL })).toBe(`Workmate: 1 Sache braucht dich\n${URL}`);
  });

  it('replaces typographic dashes and quotes so the text stays GSM-7', () => {
    const text = composeSmsText({ title: 'Telekom: 89,99 € – 3 Tage überfällig', body: 'Kein Drama – eine Überweisung heute, und es ist „vom Tisch“.', url: URL });
    expect(text).toBe(`Telekom: 89,99 € - 3 Tage überfällig\nKein Drama - eine Überweisung heute, und es ist "vom Tisch".\n${URL}`);
    expect(measureSms(text).encoding).toBe('gsm7');
  });

  it('keeps the lines of a digest and collapses spaces within them', () => {
    const text = composeSmsText({ title: 'Guten Morgen – 2 Erinnerungen', body: '• Telekom:  89,99 € – morgen\r\n\n• Miete – heute', url: URL });
    expect(text).toBe(`Guten Morgen - 2 Erinnerungen\n- Telekom: 89,99 € - morgen\n- Miete - heute\n${URL}`);
  });

  it('drops the body first when the whole would take more than two segments', () => {
    const title = 'Telekom: 89,99 € in 3 Tagen fällig';
    expect(composeSmsText({ title, body: `Die Rechnung von Telekom ist fällig. ${'Noch mehr Text. '.repeat(20)}`, url: URL })).toBe(`${title}\n${URL}`);
  });

  it('then shortens the title in the middle, keeping its start (the name) and its end (amount and time left)', () => {
    // Cyrillic makes the SMS UCS-2: 134 units for title and link together.
    const title = `${'Мосэнергосбыт Московская область '.repeat(3).trim()}: 89,99 € in 3 Tagen fällig`;
    const text = composeSmsText({ title, body: 'Ein Satz.', url: URL });
    const [shortTitle, link] = text.split('\n');
    expect(link).toBe(URL);
    expect(shortTitle).toMatch(/^Мосэнергосбыт .*….*89,99 € in 3 Tagen fällig$/u);
    expect(measureSms(text)).toMatchObject({ encoding: 'ucs2', segments: 2 });
    // As long as it can be: one more character would not fit.
    expect(measureSms(`${shortTitle}x\n${URL}`).segments).toBe(3);
  });

  it('marks a cut with three dots in a GSM-7 text, since "…" would turn it into UCS-2', () => {
    const longUrl = `https://workmate.example/tasks/${'x'.repeat(200)}`;
    const title = `Stadtwerke Musterstadt Abrechnungsstelle Nord und Süd GmbH & Co. KG Kundenservice: 1.250,00 € sind in 3 Tagen fällig`;
    const text = composeSmsText({ title, body: 'Body.', url: longUrl });
    expect(text).toContain('...');
    expect(text).not.toContain('…');
    expect(text.endsWith(`\n${longUrl}`)).toBe(true);
    expect(text).toMatch(/^Stadtwerke .*\.\.\..*in 3 Tagen fällig\n/);
    expect(measureSms(text)).toMatchObject({ encoding: 'gsm7', segments: 2 });
  });

  it('leaves out only a link longer than the whole room, keeping the title', () => {
    const text = composeSmsText({ title: 'Telekom: 89,99 € in 3 Tagen fällig', body: 'Body.', url: `https://workmate.example/${'x'.repeat(400)}` });
    expect(text).toBe('Telekom: 89,99 € in 3 Tagen fällig');
  });

  it.each([
    ['GSM-7 and long', 'Telekom: 89,99 € in 3 Tagen fällig', 'x'.repeat(500)],
    ['UCS-2 and long', '東京電力: 89,99 € in 3 Tagen fällig', '東'.repeat(300)],
    ['emoji everywhere', '😀'.repeat(120), '😀'.repeat(300)],
    ['euro signs everywhere', '€'.repeat(120), '€'.repeat(400)],
  ])('never exceeds two segments: %s', (_case, title, body) => {
    expect(measureSms(composeSmsText({ title, body, url: URL })).segments).toBeLessThanOrEqual(2);
  });

  it('can be asked for one segment', () => {
    const text = composeSmsText(sampleMessage(), 1);
    expect(measureSms(text).segments).toBe(1);
    expect(text.endsWith(URL)).toBe(true);
  });
});

describe('shortenToFit', () => {
  it('cuts in the middle and never inside an emoji', () => {
    const shortened = shortenToFit('😀😀😀😀😀😀😀😀😀😀', (candidate) => candidate.length <= 10);
    expect(shortened).toBe('😀😀…😀😀');
    expect(shortenToFit('abc', () => false)).toBeUndefined();
  });
});

describe('renderTemplate', () => {
  const values: SmsValues = { to: '+4915112345678', from: 'Workmate', text: 'a&b=c ü+€ "x"\n\\', title: 'T', url: URL };

  it('URL-encodes values in a form, spaces as +', () => {
    expect(renderTemplate('To={{to}}&From={{from}}&Body={{text}}', values, 'form')).toBe('To=%2B4915112345678&From=Workmate&Body=a%26b%3Dc+%C3%BC%2B%E2%82%AC+%22x%22%0A%5C');
    expect(new URLSearchParams(renderTemplate('Body={{text}}', values, 'form')).get('Body')).toBe(values.text);
  });

  it('JSON-escapes values in JSON, so the text comes back exactly', () => {
    const rendered = renderTemplate('{"to":"{{to}}","text":"{{ text }}"}', values, 'json');
    expect(JSON.parse(rendered)).toEqual({ to: values.to, text: values.text });
  });

  it('leaves values as they are in plain text, and a missing value empty', () => {
    expect(renderTemplate('{{to}}: {{text}} ({{from}})', { ...values, from: undefined }, 'text')).toBe(`+4915112345678: ${values.text} ()`);
  });
});

describe('planOf', () => {
  const base = { url: 'https://sms.example/send', to: '+4915112345678' } satisfies SmsConfig;

  it('takes method, template, content type and auth from the preset', () => {
    expect(planOf({ ...base, preset: 'twilio' })).toEqual({
      method: 'POST',
      contentType: 'application/x-www-form-urlencoded',
      bodyTemplate: 'To={{to}}&From={{from}}&Body={{text}}',
      auth: 'basic',
      authHeader: undefined,
    });
    expect(planOf({ ...base, preset: 'textbee' })).toMatchObject({ auth: 'header', authHeader: 'x-api-key', contentType: 'application/json' });
  });

  it('lets a field given explicitly win over the preset', () => {
    expect(planOf({ ...base, preset: 'twilio', body_template: 'To={{to}}&MessagingServiceSid=MG1&Body={{text}}' })).toMatchObject({
      bodyTemplate: 'To={{to}}&MessagingServiceSid=MG1&Body={{text}}',
      auth: 'basic',
    });
  });

  it('defaults to a JSON POST without auth and without a template when there is no preset', () => {
    expect(planOf(base)).toEqual({ method: 'POST', contentType: 'application/json', bodyTemplate: undefined, auth: 'none', authHeader: undefined });
  });
});

describe('buildSmsRequest', () => {
  const values = smsValuesOf({ title: 'Telekom: 89,99 € in 3 Tagen fällig', body: 'Noch 3 Tage.', url: URL }, { to: '+4915112345678', from: '+15005550006' });
  const twilio: SmsConfig = { preset: 'twilio', url: 'https://api.twilio.com/2010-04-01/Accounts/AC1/Messages.json', to: '+4915112345678', from: '+15005550006' };
  const twilioCredentials: SmsCredentials = { username: 'AC1', password: 'secret-token' };
  const configuration = (run: () => unknown) => {
    try {
      run();
    } catch (error) {
      expect(error).toBeInstanceOf(DeliveryError);
      expect((error as DeliveryError).kind).toBe('configuration');
      expect((error as DeliveryError).message).not.toContain('secret-token');
      return (error as DeliveryError).message;
    }
    return expect.unreachable('the settings should have been refused');
  };

  it('builds the Twilio request: form body, Basic auth', () => {
    expect(buildSmsRequest(twilio, twilioCredentials, values)).toEqual({
      url: twilio.url,
      method: 'POST',
      headers: {
        'User-Agent': 'Workmate',
        'Content-Type': 'application/x-www-form-urlencoded',
        Authorization: `Basic ${Buffer.from('AC1:secret-token').toString('base64')}`,
      },
      body: `To=%2B4915112345678&From=%2B15005550006&Body=${new URLSearchParams([['', values.text ?? '']]).toString().slice(1)}`,
    });
  });

  it('sends GET parameters in the query, after any the URL already has', () => {
    const config: SmsConfig = { url: 'https://sms.example/send?user=me', method: 'GET', body_template: 'to={{to}}&text={{text}}', to: '+4915112345678' };
    const request = buildSmsRequest(config, {}, values);
    expect(request.body).toBeUndefined();
    expect(request.headers).toEqual({ 'User-Agent': 'Workmate' });
    expect(buildSmsRequest({ ...config, url: 'https://sms.example/send#top' }, {}, values).url).toMatch(/^https:\/\/sms\.example\/send\?to=%2B4915112345678&text=/);
    const url = new globalThis.URL(request.url);
    expect([url.searchParams.get('user'), url.searchParams.get('to'), url.searchParams.get('text')]).toEqual(['me', '+4915112345678', values.text]);
  });

  it('adds extra and secret headers, and the token header of header auth', () => {
    const request = buildSmsRequest(
      { preset: 'textbee', url: 'https://api.textbee.dev/api/v1/gateway/devices/d1/send-sms', to: '+4915112345678', headers: { 'X-Client': 'workmate' } },
      { token: 'secret-token', headers: { 'X-Extra-Key': 'k' } },
      values,
    );
    expect(request.headers).toEqual({ 'User-Agent': 'Workmate', 'Content-Type': 'application/json', 'X-Client': 'workmate', 'X-Extra-Key': 'k', 'x-api-key': 'secret-token' });
    expect(JSON.parse(request.body ?? '')).toEqual({ recipients: ['+4915112345678'], message: values.text });
  });

  it('sends text/plain as UTF-8', () => {
    const request = buildSmsRequest({ url: 'https://sms.example/raw', method: 'PUT', content_type: 'text/plain', body_template: '{{to}} {{text}}', to: '+4915112345678' }, {}, values);
    expect(request).toMatchObject({ method: 'PUT', headers: { 'Content-Type': 'text/plain; charset=utf-8' }, body: `+4915112345678 ${values.text}` });
  });

  it.each<[string, SmsConfig, SmsCredentials, RegExp]>([
    ['no template and no preset', { url: 'https://sms.example', to: '+4915112345678' }, {}, /body template or a preset/],
    ['an unknown placeholder', { url: 'https://sms.example', to: '+4915112345678', body_template: '{"t":"{{message}}"}' }, {}, /\{\{message\}\}/],
    ['{{from}} without a sender', { ...twilio, from: undefined }, twilioCredentials, /sender \(from\)/],
    ['Basic auth without a password', twilio, { username: 'AC1' }, /user name and a password/],
    ['Bearer auth without a token', { preset: 'json-bearer', url: 'https://sms.example', to: '+4915112345678' }, { password: 'secret-token' }, /token/],
    ['header auth without a header name', { url: 'https://sms.example', to: '+4915112345678', body_template: '{"t":"{{text}}"}', auth: 'header' }, { token: 'secret-token' }, /auth_header/],
    ['a JSON template with a bare placeholder', { url: 'https://sms.example', to: '+4915112345678', body_template: '{"t":{{text}}}' }, {}, /not valid JSON/],
    ['Authorization among the plain headers', { ...twilio, headers: { Authorization: 'Bearer secret-token' } }, twilioCredentials, /Authorization cannot be set/],
    ['Content-Type among the headers', { ...twilio, headers: { 'content-type': 'text/xml' } }, twilioCredentials, /content-type cannot be set/],
    ['a secret Authorization header next to Basic auth', twilio, { ...twilioCredentials, headers: { Authorization: 'Bearer secret-token' } }, /Authorization cannot be set/],
    ['the auth header also set as a header', { preset: 'textbee', url: 'https://sms.example', to: '+4915112345678', headers: { 'X-API-Key': 'x' } }, { token: 'secret-token' }, /set twice/],
  ])('refuses %s as a configuration problem that names it', (_case, config, credentials, message) => {
    expect(configuration(() => buildSmsRequest(config, credentials, values))).toMatch(message);
  });

  it('takes a secret Authorization header when auth is none', () => {
    const request = buildSmsRequest({ url: 'https://sms.example', to: '+4915112345678', body_template: '{"t":"{{text}}"}' }, { headers: { Authorization: 'Token abc' } }, values);
    expect(request.headers.Authorization).toBe('Token abc');
  });
});
