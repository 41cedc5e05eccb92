import { describe, expect, it } from 'vitest';
import { fromHex, toHex } from '../../../common/hex';
import { CccdChipCard } from './cccd-chip-card';
import { CCCD_CARD_ACCESS_BYTES } from './cccd-card-access';

// Plain (unauthenticated) behaviour of the simulated CCCD, byte for byte.

const send = (card: CccdChipCard, apdu: string): string =>
  toHex(card.transceive(fromHex(apdu)), '');

function card(options: Partial<ConstructorParameters<typeof CccdChipCard>[0]> = {}): CccdChipCard {
  return new CccdChipCard({
    files: new Map([['0101', fromHex('6103414243')]]),
    can: '123456',
    ...options,
  });
}

describe('CccdChipCard without authentication', () => {
  it('answers SELECT MF with 6D00 (CCCD quirk) and SELECT of the eMRTD AID with 9000', () => {
    const c = card();
    expect(send(c, '00A4000C023F00')).toBe('6D00');
    expect(send(c, '00A4040C07A0000002471001')).toBe('9000');
    expect(send(c, '00A4040C07A0000002471002')).toBe('6A82');
  });

  it('serves EF.CardAccess in chunks with 6282 at its end', () => {
    const c = card();
    expect(send(c, '00A4020C02011C')).toBe('9000');
    const head = send(c, '00B0000008');
    expect(head).toBe(`${toHex(CCCD_CARD_ACCESS_BYTES.subarray(0, 8), '')}9000`);
    const tail = send(c, '00B0003010');
    expect(tail).toBe(`${toHex(CCCD_CARD_ACCESS_BYTES.subarray(0x30), '')}6282`);
    expect(send(c, '00B0004000')).toBe('6B00');
  });

  it('protects LDS files until BAC or PACE (6982), hides them outside the application (6A82)', () => {
    const c = card();
    expect(send(c, '00A4020C020101')).toBe('6A82');
    send(c, '00A4040C07A0000002471001');
    expect(send(c, '00A4020C020101')).toBe('6982');
    expect(send(c, '00B0000004')).toBe('6986');
    expect(send(c, '00B0810004')).toBe('6982');
  });

  it('has no EF.CardAccess and no PACE when built BAC-only', () => {
    const c = card({
      cardAccess: null,
      mrz: { documentNumber: '123456789', dateOfBirth: '900101', dateOfExpiry: '300101' },
    });
    expect(send(c, '00A4020C02011C')).toBe('6A82');
    expect(send(c, '0022C1A40F800A04007F00070202040202830102')).toBe('6D00');
    expect(send(c, '0084000008')).toMatch(/^[0-9A-F]{16}9000$/);
  });

  it('rejects unknown instructions, classes and malformed APDUs', () => {
    const c = card();
    expect(send(c, '00CA000000')).toBe('6D00');
    expect(send(c, '80A4040C07A0000002471001')).toBe('6E00');
    expect(send(c, '00A4')).toBe('6700');
    expect(send(c, '00A4040C09A0000002471001')).toBe('6700');
    expect(send(c, '0C84000008')).toBe('6882');
  });

  it('leaves the field after the configured number of APDUs and comes back reset', () => {
    const c = card({ removeAfterApdus: 2 });
    send(c, '00A4040C07A0000002471001');
    expect(c.present).toBe(true);
    send(c, '00A4020C02011C');
    expect(c.present).toBe(false);
    expect(() => c.transceive(fromHex('00A4020C02011C'))).toThrow(
      expect.objectContaining({ code: 'CARD_REMOVED' }),
    );
    c.place();
    expect(c.present).toBe(true);
    expect(send(c, '00A4020C020101')).toBe('6A82');
  });
});
