import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../../common/errors';
import { CardSecureChannel } from '../../../../simulators/cccd-chip/card/card-secure-channel';
import { decodeCommandApdu, decodeResponseApdu } from './apdu';
import { unpad } from './crypto/iso9797-padding';
import { parseCardAccess } from './pace/card-access';
import { SecureMessaging } from './secure-messaging';

fc.configureGlobal({ seed: 0x9303 });
import { decodeTlv, decodeTlvHeader, decodeTlvList } from './tlv';

/** Runs `fn`; anything thrown must be an AppError with one of `codes`. */
function typedOnly(fn: () => unknown, codes: readonly string[]): void {
  try {
    fn();
  } catch (err) {
    if (!(err instanceof AppError) || !codes.includes(err.code)) throw err;
  }
}

const PROTOCOL = ['CARD_PROTOCOL'];
const SM_CODES = ['CARD_PROTOCOL', 'CARD_SM_MAC_INVALID'];

const key16 = fc.uint8Array({ minLength: 16, maxLength: 16 });
const cipher = fc.constantFrom('3DES' as const, 'AES' as const);

/** Byte strings shaped like SM responses: DO87/85/99/8E/other with random content, then a SW. */
const smLike = fc
  .tuple(
    fc.array(
      fc.tuple(
        fc.constantFrom(0x87, 0x85, 0x99, 0x8e, 0x97, 0x01),
        fc.uint8Array({ maxLength: 40 }),
      ),
      { maxLength: 4 },
    ),
    fc.uint8Array({ minLength: 2, maxLength: 2 }),
  )
  .map(([dos, sw]) => {
    const parts = dos.flatMap(([tag, value]) => [tag, value.length, ...value]);
    return Uint8Array.from([...parts, ...sw]);
  });

describe('decoders never crash on random bytes (always a typed error)', () => {
  it('TLV, APDU, padding and EF.CardAccess decoders', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        typedOnly(() => decodeTlv(bytes), PROTOCOL);
        typedOnly(() => decodeTlvHeader(bytes), PROTOCOL);
        typedOnly(() => decodeTlvList(bytes), PROTOCOL);
        typedOnly(() => decodeCommandApdu(bytes), PROTOCOL);
        typedOnly(() => decodeResponseApdu(bytes), PROTOCOL);
        typedOnly(() => unpad(bytes), PROTOCOL);
        typedOnly(() => parseCardAccess(bytes), PROTOCOL);
      }),
      { numRuns: 500 },
    );
  });

  it('SecureMessaging.unprotect on random and SM-shaped responses', () => {
    fc.assert(
      fc.property(
        cipher,
        key16,
        key16,
        fc.oneof(fc.uint8Array({ maxLength: 120 }), smLike),
        (kind, ksEnc, ksMac, response) => {
          const sm = new SecureMessaging({
            cipher: kind,
            ksEnc,
            ksMac,
            ssc: new Uint8Array(kind === 'AES' ? 16 : 8),
          });
          typedOnly(() => sm.unprotect(response), SM_CODES);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('never accepts a success status whose MAC it did not check', () => {
    fc.assert(
      fc.property(cipher, key16, key16, smLike, (kind, ksEnc, ksMac, response) => {
        const sm = new SecureMessaging({
          cipher: kind,
          ksEnc,
          ksMac,
          ssc: new Uint8Array(kind === 'AES' ? 16 : 8),
        });
        try {
          const result = sm.unprotect(response);
          // Only bare error status words pass without a MAC; a forged MAC is 2^-64.
          expect(response.length).toBe(2);
          expect(result.sw).not.toBe(0x9000);
        } catch (err) {
          expect(err).toBeInstanceOf(AppError);
        }
      }),
      { numRuns: 400 },
    );
  });
});

describe('reader and chip secure messaging agree on random traffic', () => {
  const command = fc.record({
    ins: fc.constantFrom(0xa4, 0xb0, 0xb1, 0x84, 0x22),
    p1: fc.integer({ min: 0, max: 255 }),
    p2: fc.integer({ min: 0, max: 255 }),
    data: fc.uint8Array({ maxLength: 200 }),
    le: fc.option(fc.integer({ min: 1, max: 256 }), { nil: undefined }),
  });

  it('what the reader protects the chip unwraps, and back', () => {
    fc.assert(
      fc.property(
        cipher,
        key16,
        key16,
        fc.uint8Array({ minLength: 16, maxLength: 16 }),
        command,
        fc.uint8Array({ maxLength: 230 }),
        fc.constantFrom(0x9000, 0x6282, 0x6a82, 0x6982),
        (kind, ksEnc, ksMac, sscSeed, cmd, responseData, sw) => {
          const ssc = sscSeed.slice(0, kind === 'AES' ? 16 : 8);
          const reader = new SecureMessaging({ cipher: kind, ksEnc, ksMac, ssc });
          const chip = new CardSecureChannel(kind, ksEnc, ksMac, ssc);
          const { le, ...rest } = cmd;
          const plain = { cla: 0, ...rest, ...(le === undefined ? {} : { le }) };
          const wire = reader.protect(plain);
          const unwrapped = chip.unwrap(
            wire[0]!,
            wire[1]!,
            wire[2]!,
            wire[3]!,
            wire.slice(5, 5 + wire[4]!),
          );
          expect(unwrapped).toEqual({
            ok: true,
            command: {
              cla: 0,
              ins: cmd.ins,
              p1: cmd.p1,
              p2: cmd.p2,
              data: cmd.data,
              ne: cmd.le ?? 0,
            },
          });
          const response = reader.unprotect(chip.wrap(responseData, sw));
          expect(response).toEqual({ data: responseData, sw });
        },
      ),
      { numRuns: 200 },
    );
  });
});
