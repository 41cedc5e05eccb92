import { describe, expect, it } from 'vitest';
import { cccdAccessKeys } from './cccd-access-keys';

describe('cccdAccessKeys', () => {
  it('puts the CAN first, then the MRZ key for each expiry candidate', () => {
    expect(
      cccdAccessKeys({
        idNumber: '092185001234',
        dateOfBirth: '1985-03-14',
        issueDate: '2021-04-10',
      }),
    ).toEqual([
      { kind: 'CAN', can: '001234' },
      { kind: 'MRZ', documentNumber: '185001234', dateOfBirth: '850314', dateOfExpiry: '250314' },
      { kind: 'MRZ', documentNumber: '185001234', dateOfBirth: '850314', dateOfExpiry: '450314' },
      { kind: 'MRZ', documentNumber: '185001234', dateOfBirth: '850314', dateOfExpiry: '991231' },
    ]);
  });

  it('uses a known expiry date, 991231 for cards without one', () => {
    const base = { idNumber: '092058004321', dateOfBirth: '1958-11-02' };
    expect(cccdAccessKeys({ ...base, expiryDate: null })[1]).toMatchObject({
      dateOfExpiry: '991231',
    });
    expect(cccdAccessKeys({ ...base, expiryDate: '2030-01-02' })).toHaveLength(2);
  });

  it('rejects a malformed ID or date with INVALID_INPUT', () => {
    expect(() => cccdAccessKeys({ idNumber: '92185001234', dateOfBirth: '1985-03-14' })).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT' }),
    );
    expect(() => cccdAccessKeys({ idNumber: '092185001234', dateOfBirth: '14/03/1985' })).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT' }),
    );
  });
});
