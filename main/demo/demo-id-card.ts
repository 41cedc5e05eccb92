import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { AppError } from '../../common/errors.js';
import type { ByteTransport } from '../devices/transport/byte-transport.js';
import type { Logger } from '../services/log/logger.js';
import { cccdQrText } from '../../simulators/cccd-chip/data/card-files-builder.js';
import {
  CHIP_PROFILES,
  createProfileCard,
  profileFiles,
  trustedCscaDer,
} from '../../simulators/cccd-chip/profiles.js';
import {
  createInProcessPn532,
  startPn532OnPty,
} from '../../simulators/pn532/pn532-simulator-hosts.js';
import type { Pn532Simulator } from '../../simulators/pn532/pn532-simulator.js';
import { isSocatAvailable } from '../../simulators/pty/create-pty-pair.js';

/** A simulated card the tester can "place" on the demo reader. */
export interface DemoCardProfile {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  /** The text of the card's QR code (fictional citizen), for the "scan the QR" step. */
  readonly qrText: string;
  /** What the reader should report, e.g. for a tester's checklist. */
  readonly expected: {
    readonly access: 'PACE' | 'BAC';
    readonly passiveAuth: 'verified' | 'untrusted-ca' | 'failed';
    readonly error?: string;
  };
}

export interface DemoIdCard {
  /** Reader setting for demo mode: `sim://pn532` (in process) or `serial:///dev/pts/N?baud=115200`. */
  readonly readerUri: string;
  /** Give to createTransport/openTransport as `resolveSim` (answers `sim://pn532`). */
  readonly resolveSim: (name: string) => ByteTransport;
  /** 'pty' when the simulator sits behind a socat pty pair (the real serial path). */
  readonly via: 'pty' | 'in-process';
  /** CSCA trust-store folder holding the demo CSCA (removed by stop()). */
  readonly trustDir: string;
  readonly profiles: readonly DemoCardProfile[];
  listProfiles(): readonly DemoCardProfile[];
  /** The profile on the reader, if any. */
  readonly currentProfile: string | undefined;
  /** Puts a freshly powered card of `profileId` on the reader (replacing any other). */
  placeCard(profileId: string): Promise<void>;
  removeCard(): void;
  stop(): Promise<void>;
}

export interface DemoIdCardOptions {
  /** 'auto' (default): a socat pty when socat is installed, else in process. */
  readonly transport?: 'auto' | 'pty' | 'in-process';
  /** Paces the simulator's UART output (10 bits per byte), e.g. 115200 for real-time reads. */
  readonly baudRate?: number;
}

const SIM_NAME = 'pn532';

/**
 * Demo mode's ID card reader: a PN532 simulator holding a simulated CCCD chip, reachable by the
 * app's normal reader driver, with the demo CSCA in a temporary trust store.
 */
export async function startDemoIdCard(
  log: Logger,
  options: DemoIdCardOptions = {},
): Promise<DemoIdCard> {
  const wanted = options.transport ?? 'auto';
  const usePty = wanted === 'pty' || (wanted === 'auto' && isSocatAvailable());
  const simOptions = options.baudRate === undefined ? {} : { baudRate: options.baudRate };
  let simulator: Pn532Simulator;
  let readerUri: string;
  let inProcess: ByteTransport | undefined;
  let closeHost: () => Promise<void>;
  if (usePty) {
    const pty = await startPn532OnPty(simOptions);
    simulator = pty.simulator;
    readerUri = `serial://${pty.path}?baud=115200`;
    closeHost = () => pty.close();
  } else {
    const host = await createInProcessPn532(simOptions, `sim://${SIM_NAME}`);
    simulator = host.simulator;
    inProcess = host.transport;
    readerUri = `sim://${SIM_NAME}`;
    closeHost = async () => {
      host.simulator.detach();
      await host.transport.close();
    };
  }
  const trustDir = await mkdtemp(path.join(tmpdir(), 'kiosk-demo-csca-'));
  await writeFile(path.join(trustDir, 'demo-csca.cer'), await trustedCscaDer());
  // Sign every profile's files now, so that the first "place card" is instant.
  void Promise.all(CHIP_PROFILES.map((p) => profileFiles(p.id))).catch((err: unknown) =>
    log.warn('demo card files could not be built', { error: String(err) }),
  );
  const profiles: DemoCardProfile[] = CHIP_PROFILES.map((p) => ({
    id: p.id,
    title: p.title,
    description: p.description,
    qrText: cccdQrText(p.citizen),
    expected: p.expected,
  }));
  let current: string | undefined;
  log.info('demo ID card reader ready', { readerUri, trustDir });
  return {
    readerUri,
    via: usePty ? 'pty' : 'in-process',
    resolveSim(name) {
      if (name !== SIM_NAME || !inProcess) {
        throw new AppError('DEVICE_NOT_CONNECTED', `sim://${name}: no such demo device`);
      }
      return inProcess;
    },
    trustDir,
    profiles,
    listProfiles: () => profiles,
    get currentProfile() {
      return current;
    },
    async placeCard(profileId) {
      if (!profiles.some((p) => p.id === profileId)) {
        throw new AppError('NOT_FOUND', `No demo card profile "${profileId}"`);
      }
      const { card } = await createProfileCard(profileId);
      simulator.placeCard(card);
      current = profileId;
      log.info('demo card placed', { profile: profileId });
    },
    removeCard() {
      simulator.removeCard();
      current = undefined;
      log.info('demo card removed');
    },
    async stop() {
      simulator.removeCard();
      await closeHost();
      await rm(trustDir, { recursive: true, force: true });
    },
  };
}
