import { maskAddress, maskNumbersIn, minimizeCtr, parseAttributeAllowList } from './contact-minimization';

describe('contact minimization (no pii scope)', () => {
  it('given E.164 numbers, then only the last four digits stay', () => {
    expect(maskAddress('+12065550100')).toBe('+*******0100');
    expect(maskAddress('+44 20 7946 0958')).toBe('+** ** **** 0958');
  });

  it('given an email or an opaque id, then it is masked too', () => {
    expect(maskAddress('jane.doe@example.com')).toBe('j***@example.com');
    expect(maskAddress('participant-123abc')).toBe('***');
  });

  it('given a CTR, then the caller number is masked, attributes allow-listed and user data withheld, without touching the input', () => {
    const ctr = {
      ContactId: 'c1',
      CustomerEndpoint: { Address: '+12065550100', Type: 'TELEPHONE_NUMBER' },
      SystemEndpoint: { Address: '+18005550199', Type: 'TELEPHONE_NUMBER' },
      TransferredToEndpoint: { Address: '+13125550111', Type: 'TELEPHONE_NUMBER' },
      Attributes: { intent: 'billing', accountNumber: '12345678', ssn: '123-45-6789' },
      ContactDetails: { name: 'Jane' },
      References: [{ Name: 'crm', Value: 'x' }],
      Tags: { vip: 'yes' },
      Queue: { Name: 'Billing' },
    };
    const minimized = minimizeCtr(ctr, { attributeAllowList: ['intent'] });
    expect(minimized).toEqual({
      ContactId: 'c1',
      CustomerEndpoint: { Address: '+*******0100', Type: 'TELEPHONE_NUMBER' },
      SystemEndpoint: { Address: '+18005550199', Type: 'TELEPHONE_NUMBER' },
      TransferredToEndpoint: { Address: '+*******0111', Type: 'TELEPHONE_NUMBER' },
      Attributes: { intent: 'billing' },
      Queue: { Name: 'Billing' },
    });
    expect(JSON.stringify(minimized)).not.toContain('2065550100');
    expect(ctr.CustomerEndpoint.Address).toBe('+12065550100');
  });

  it('given a chat CTR without endpoints or attributes, then it passes through', () => {
    expect(minimizeCtr({ ContactId: 'c2', CustomerEndpoint: null }, { attributeAllowList: [] })).toEqual({ ContactId: 'c2', CustomerEndpoint: null });
  });

  it('given a configured list, then names are trimmed and blanks dropped', () => {
    expect(parseAttributeAllowList(' intent, language ,,')).toEqual(['intent', 'language']);
    expect(parseAttributeAllowList('')).toEqual([]);
  });
});

describe('maskNumbersIn', () => {
  it('given a message that quotes a caller number in any of its forms, then each occurrence is masked', () => {
    expect(maskNumbersIn('Phone +12065550199 (12065550199) is blocked', ['+12065550199', '12065550199'])).toBe('Phone +*******0199 (*******0199) is blocked');
    expect(maskNumbersIn('nothing to see', [])).toBe('nothing to see');
  });
});
