import { afterEach, describe, expect, it } from 'vitest';
import { fromHex, toHex } from '../../../../common/hex.js';
import { FakeCardEmulator } from '../../../../simulators/pn532/fake-card-emulator.js';
import { startPn532OnPty } from '../../../../simulators/pn532/pn532-simulator-hosts.js';
import {
  SOCAT_MISSING_MESSAGE,
  isSocatAvailable,
} from '../../../../simulators/pty/create-pty-pair.js';
import { SerialTransport } from '../../transport/serial-transport.js';
import type { IdCardReader } from '../id-card-reader.js';
import { Pn532IdCardReader } from './pn532-id-card-reader.js';

/**
 * The IdCardReader contract, run against the PN532 simulator over a socat pty always, and
 * against a real PN532 when KIOSK_HW_PN532=/dev/ttyUSB0 (KIOSK_HW_PN532_BAUD, default 115200).
 * With hardware, set KIOSK_HW_PN532_CARD=1 when an eMRTD / CCCD card lies on the reader (then
 * the card tests run instead of the no-card test). Card removal needs a hand: simulator only.
 */
interface Harness {
  readonly reader: IdCardReader;
  /** True when a card is in the field for the card tests. */
  readonly hasCard: boolean;
  /** Only where the test can take the card away itself. */
  readonly removeCard?: () => void;
  close(): Promise<void>;
}

const SELECT_EMRTD = fromHex('00 A4 04 0C 07 A0 00 00 02 47 10 01');

function contract(
  name: string,
  make: (withCard: boolean) => Promise<Harness>,
  cards: 'both' | boolean,
): void {
  describe(`IdCardReader contract: ${name}`, () => {
    let h: Harness | undefined;
    const open = async (withCard: boolean): Promise<Harness> => {
      h = await make(withCard);
      return h;
    };
    afterEach(async () => {
      await h?.close();
      h = undefined;
    });

    it('open() describes the reader', async () => {
      const { reader } = await open(false);
      const info = await reader.open();
      expect(info.kind).toBe('pn532');
      expect(info.firmware).toMatch(/^\d+\.\d+$/);
      expect(info.cardTypes).toContain('A');
    });

    it.skipIf(cards === true)(
      'with no card, waitForCard rejects with CARD_NOT_PRESENT',
      async () => {
        const { reader } = await open(false);
        await reader.open();
        await expect(reader.waitForCard(500)).rejects.toMatchObject({ code: 'CARD_NOT_PRESENT' });
      },
    );

    it.skipIf(cards === false)('with a card: activates it and exchanges APDUs', async () => {
      const { reader } = await open(true);
      await reader.open();
      const session = await reader.waitForCard(3_000);
      expect(['A', 'B']).toContain(session.type);
      expect(session.uid.length).toBeGreaterThan(0);
      expect(session.active).toBe(true);
      const select = await session.transceive(SELECT_EMRTD);
      expect(toHex(select.subarray(-2))).toBe('90 00');
      const challenge = await session.transceive(fromHex('00 84 00 00 08'));
      expect(challenge.length).toBe(10);
      expect(toHex(challenge.subarray(8))).toBe('90 00');
    });

    it.skipIf(cards === false)(
      'release() ends the session; the card can be activated again',
      async () => {
        const { reader } = await open(true);
        await reader.open();
        const first = await reader.waitForCard(3_000);
        await first.release();
        expect(first.active).toBe(false);
        await expect(first.transceive(SELECT_EMRTD)).rejects.toMatchObject({
          code: 'CARD_NOT_PRESENT',
        });
        const second = await reader.waitForCard(3_000);
        expect(toHex((await second.transceive(SELECT_EMRTD)).subarray(-2))).toBe('90 00');
      },
    );

    it.skipIf(cards === false)(
      'a card taken away: CARD_REMOVED within 2 s, never a hang',
      async (ctx) => {
        const harness = await open(true);
        if (!harness.removeCard) {
          ctx.skip('card removal needs a hand on real hardware');
          return;
        }
        await harness.reader.open();
        const session = await harness.reader.waitForCard(3_000);
        harness.removeCard();
        await expect(session.transceive(SELECT_EMRTD, 2_000)).rejects.toMatchObject({
          code: 'CARD_REMOVED',
        });
      },
    );

    it('after close(), waitForCard rejects with DEVICE_NOT_CONNECTED', async () => {
      const { reader } = await open(false);
      await reader.open();
      await reader.close();
      await expect(reader.waitForCard(100)).rejects.toMatchObject({ code: 'DEVICE_NOT_CONNECTED' });
    });
  });
}

const socat = isSocatAvailable();
if (!socat) console.warn(SOCAT_MISSING_MESSAGE);
if (socat) {
  contract(
    'Pn532IdCardReader ⇄ Pn532Simulator (socat pty)',
    async (withCard) => {
      const pty = await startPn532OnPty();
      if (withCard) pty.simulator.placeCard(new FakeCardEmulator());
      const reader = new Pn532IdCardReader(new SerialTransport({ path: pty.path }));
      return {
        reader,
        hasCard: withCard,
        removeCard: () => pty.simulator.removeCard(),
        async close() {
          await reader.close();
          await pty.close();
        },
      };
    },
    'both',
  );
}

const hwPort = process.env.KIOSK_HW_PN532;
const hwCard = process.env.KIOSK_HW_PN532_CARD === '1';
if (hwPort) {
  contract(
    `Pn532IdCardReader on real hardware (${hwPort})`,
    (): Promise<Harness> => {
      const reader = new Pn532IdCardReader(
        new SerialTransport({
          path: hwPort,
          baudRate: Number(process.env.KIOSK_HW_PN532_BAUD ?? 115200),
        }),
      );
      return Promise.resolve({ reader, hasCard: hwCard, close: () => reader.close() });
    },
    hwCard,
  );
} else {
  describe('IdCardReader contract: real PN532', () => {
    it.skip('skipped: set KIOSK_HW_PN532=/dev/ttyUSB0 (and KIOSK_HW_PN532_CARD=1 with a card on it) to run against hardware', () =>
      undefined);
  });
}
