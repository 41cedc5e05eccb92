import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CccdChipCard } from '../../../../simulators/cccd-chip/card/cccd-chip-card';
import { DirectCardTransceiver } from '../../../../simulators/cccd-chip/card/direct-card-transceiver';
import { seededBytes, wrapTlv } from '../../../../simulators/cccd-chip/card/random-lds-files';
import type { ApduTransceiver } from '../apdu-transceiver';
import { readElementaryFile, type FileChannel } from './file-reader';
import { openSecureSession } from './secure-session';

fc.configureGlobal({ seed: 0x0dd });

const MRZ = { documentNumber: '185001234', dateOfBirth: '850314', dateOfExpiry: '250314' };

/** A plain file server with scripted READ BINARY quirks (no SM), recording every Le. */
class QuirkyFile implements ApduTransceiver {
  readonly les: number[] = [];
  constructor(
    private readonly content: Uint8Array,
    private readonly quirk: (offset: number, le: number) => number | undefined,
  ) {}
  transceive(apdu: Uint8Array): Promise<Uint8Array> {
    if (apdu[1] === 0xa4) return Promise.resolve(Uint8Array.of(0x90, 0x00));
    const offset = (apdu[2]! << 8) | apdu[3]!;
    const le = apdu[4] === 0 ? 256 : apdu[4]!;
    this.les.push(le);
    const sw = this.quirk(offset, le);
    if (sw !== undefined) return Promise.resolve(Uint8Array.of(sw >>> 8, sw & 0xff));
    const data = this.content.slice(offset, offset + le);
    const status = data.length < le ? [0x62, 0x82] : [0x90, 0x00];
    return Promise.resolve(Uint8Array.from([...data, ...status]));
  }
}

function plainChannel(t: ApduTransceiver): FileChannel {
  return { transceiver: () => t, recover: () => Promise.reject(new Error('no recovery here')) };
}

describe('readElementaryFile', () => {
  it('honours 6Cxx (exact length) from the chip', async () => {
    const content = wrapTlv(0x75, seededBytes(1)(500));
    const t = new QuirkyFile(content, (_o, le) => (le > 0x50 ? 0x6c50 : undefined));
    const state = { chunk: 0xdf };
    expect(await readElementaryFile(plainChannel(t), 0x0102, state)).toEqual(content);
    expect(state.chunk).toBe(0x50);
    expect(t.les.slice(0, 3)).toEqual([8, 0xdf, 0x50]);
  });

  it('treats 6282 without data as "too long" and steps down', async () => {
    const content = wrapTlv(0x77, seededBytes(2)(300));
    const t = new QuirkyFile(content, (_o, le) => (le > 0x80 ? 0x6282 : undefined));
    expect(await readElementaryFile(plainChannel(t), 0x011d, { chunk: 0xdf })).toEqual(content);
    expect(t.les.filter((le) => le > 0x80)).toEqual([0xdf, 0xa0]);
  });

  it('rejects a file that is not TLV or is shorter than its TLV length', async () => {
    const notTlv = new QuirkyFile(
      Uint8Array.of(0x61, 0x80, 1, 2, 3, 4, 5, 6, 7, 8),
      () => undefined,
    );
    await expect(
      readElementaryFile(plainChannel(notTlv), 0x0101, { chunk: 0xdf }),
    ).rejects.toMatchObject({
      code: 'CARD_PROTOCOL',
    });
    const truncated = new QuirkyFile(Uint8Array.of(0x61, 0x20, 1, 2, 3), () => undefined);
    await expect(
      readElementaryFile(plainChannel(truncated), 0x0101, { chunk: 0xdf }),
    ).rejects.toMatchObject({
      code: 'CARD_PROTOCOL',
    });
  });

  it('maps SELECT 6A82 and 6982 to CARD_FILE_NOT_FOUND and CARD_FILE_PROTECTED', async () => {
    for (const [sw, code] of [
      [0x6a82, 'CARD_FILE_NOT_FOUND'],
      [0x6982, 'CARD_FILE_PROTECTED'],
      [0x6f00, 'CARD_PROTOCOL'],
    ] as const) {
      const t: ApduTransceiver = {
        transceive: () => Promise.resolve(Uint8Array.of(sw >>> 8, sw & 0xff)),
      };
      await expect(
        readElementaryFile(plainChannel(t), 0x0103, { chunk: 0xdf }),
      ).rejects.toMatchObject({ code });
    }
  });

  it('reads any file size with any chip read limit, under BAC secure messaging', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 1500 }),
        fc.integer({ min: 1, max: 256 }),
        fc.integer({ min: 1, max: 1000 }),
        async (size, maxReadLength, seed) => {
          const content = wrapTlv(0x6d, seededBytes(seed)(size));
          const card = new CccdChipCard({
            files: new Map([['010D', content]]),
            cardAccess: null,
            mrz: MRZ,
            maxReadLength,
          });
          const session = await openSecureSession(new DirectCardTransceiver(card), {
            kind: 'MRZ',
            ...MRZ,
          });
          expect(await session.readFile(0x010d)).toEqual(content);
        },
      ),
      { numRuns: 40 },
    );
  });
});
