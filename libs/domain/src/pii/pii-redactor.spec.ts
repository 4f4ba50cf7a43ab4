import { luhnValid, redactPii } from './pii-redactor';

describe('redactPii', () => {
  describe.each([
    ['card with spaces', 'My card is 4111 1111 1111 1111 thanks', 'My card is [CREDIT_DEBIT_NUMBER] thanks'],
    ['card with dashes', 'use 5500-0000-0000-0004 please', 'use [CREDIT_DEBIT_NUMBER] please'],
    ['15-digit Amex', 'amex 378282246310005.', 'amex [CREDIT_DEBIT_NUMBER].'],
    ['spoken card digits', 'it is four one one one, one one one one, one one one one, one one one one', 'it is [CREDIT_DEBIT_NUMBER]'],
    ['spoken card with double and oh', 'number five five double oh oh oh oh oh oh oh oh oh oh oh oh four', 'number [CREDIT_DEBIT_NUMBER]'],
    ['spoken card with double', 'number four double one one one one one one one one one one one one one one', 'number [CREDIT_DEBIT_NUMBER]'],
    ['CVV after card context', 'the security code is 737', 'the security code is [CREDIT_DEBIT_CVV]'],
    ['spoken CVV', 'and the CVV is seven three seven', 'and the CVV is [CREDIT_DEBIT_CVV]'],
    ['expiry near card', 'card expires 08/27 ok', 'card expires [CREDIT_DEBIT_EXPIRY] ok'],
    ['SSN with dashes', 'SSN 123-45-6789', 'SSN [SSN]'],
    ['SSN digits with context', 'my social security number is 123456789', 'my social security number is [SSN]'],
    ['US phone', 'call me at (206) 555-0100 tomorrow', 'call me at [PHONE] tomorrow'],
    ['dotted phone', 'it is 206.555.0100', 'it is [PHONE]'],
    ['E.164 phone', 'reach me on +12065550100', 'reach me on [PHONE]'],
    ['spoken phone', 'two oh six five five five oh one oh oh', '[PHONE]'],
    ['plain 10 digits with phone word', 'my cell number is 2065550100', 'my cell number is [PHONE]'],
    ['email', 'mail jane.doe+x@example.co.uk now', 'mail [EMAIL] now'],
    ['spoken email', 'it is john dot doe at example dot com', 'it is [EMAIL]'],
  ])('positive: %s', (_name, input, expected) => {
    it('is redacted with the Transcribe-style marker', () => {
      const r = redactPii(input);
      expect(r.text).toBe(expected);
      for (const s of r.redactions) expect(r.text.slice(s.start, s.end)).toBe(`[${s.type}]`);
    });
  });

  describe.each([
    ['order number failing Luhn', 'my order number is 1234567812345678', 'order, not a card'],
    ['16 digits failing Luhn', 'the code 4111 1111 1111 1112 is wrong', 'Luhn fails'],
    ['UPS tracking number', 'tracking 1Z999AA10123456784 shows delivered', 'glued to letters'],
    ['order id', 'Okay, that should be #5376897.', 'seven digits'],
    ['a date', 'I ordered it on 03/12/2024 and on March 12, 2024', 'dates are not expiry without card context'],
    ['a month/year without card context', 'we met in 08/27', 'no expiry context'],
    ['money', 'I was charged $1,234.56 and then 4111.11 again', 'amounts'],
    ['a count', 'I ordered 3 items and one arrived', 'counts'],
    ['account number without context words', 'account 12345678 is closed', 'account numbers stay'],
    ['ten-digit order number', 'order number 2065550100 please', 'reference context beats phone shape'],
    ['three digits without CVV context', 'I waited 737 days', 'no CVV context'],
    ['nine digits without SSN context', 'reference 123456789', 'no SSN context'],
    ['oh as an interjection', 'Oh, one more thing', 'oh starts no run'],
    ['at in a sentence', 'meet me at the office', 'not an email'],
    ['a name not in the list', 'Hi Jane, this is Bill about your bill', 'names only when known'],
  ])('negative: %s', (_name, input, _why) => {
    it('is left unchanged', () => {
      expect(redactPii(input)).toEqual({ text: input, redactions: [] });
    });
  });

  it('given known names, when redacting, then only exact-case whole words become [NAME]', () => {
    expect(redactPii('Hi Jane, this is Bill about your bill. Janet too.', { names: ['Jane', 'Bill'] }).text).toBe(
      'Hi [NAME], this is [NAME] about your bill. Janet too.',
    );
  });

  it('given several entities, when redacting, then redaction offsets point at each marker in order', () => {
    const r = redactPii('Card 4111111111111111, email a@b.io, phone 206-555-0100.');
    expect(r.text).toBe('Card [CREDIT_DEBIT_NUMBER], email [EMAIL], phone [PHONE].');
    expect(r.redactions.map((s) => s.type)).toEqual(['CREDIT_DEBIT_NUMBER', 'EMAIL', 'PHONE']);
    expect(r.redactions.map((s) => r.text.slice(s.start, s.end))).toEqual(['[CREDIT_DEBIT_NUMBER]', '[EMAIL]', '[PHONE]']);
  });
});

describe('luhnValid', () => {
  it.each([
    ['4111111111111111', true],
    ['4111111111111112', false],
    ['79927398713', true],
    ['12a4', false],
  ])('%s -> %s', (digits, valid) => expect(luhnValid(digits)).toBe(valid));
});
