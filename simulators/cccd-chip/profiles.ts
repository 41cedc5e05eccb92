import type { CardEmulator } from '../pn532/card-emulator.js';
import { CARD_CITIZENS, type CardCitizen } from '../data/card-citizens.js';
import { CccdChipCard, type CccdChipCardOptions } from './card/cccd-chip-card.js';
import {
  buildCardFiles,
  type CardFiles,
  type CardFilesOptions,
} from './data/card-files-builder.js';
import { createTestPki } from './data/test-pki.js';

/**
 * Named simulated cards for demo mode, tests and the benchmark: one per card citizen, and the
 * field problems a kiosk must survive. Files and PKIs are generated once per process.
 */
export type SpecialProfileId =
  'small-max-read' | 'tampered-dg' | 'unknown-csca' | 'removed-mid-read' | 'bac-only';

export interface ChipProfile {
  readonly id: string;
  /** Short label for the demo's "place a card" menu (Vietnamese name or the problem). */
  readonly title: string;
  readonly description: string;
  readonly citizen: CardCitizen;
  /** What a correct reader reports for this card. */
  readonly expected: {
    readonly access: 'PACE' | 'BAC';
    readonly passiveAuth: 'verified' | 'untrusted-ca' | 'failed';
    /** Error code instead of an identity. */
    readonly error?: 'CARD_REMOVED';
  };
}

interface ProfileRecipe extends ChipProfile {
  readonly files?: CardFilesOptions;
  readonly chip?: Partial<Omit<CccdChipCardOptions, 'files' | 'can' | 'mrz'>>;
  /** Take the card out of the field once a READ BINARY reaches this offset (inside DG2). */
  readonly removeAtOffset?: number;
}

/** Above this Le the small-max-read card answers 6700 (not on the reader's back-off ladder). */
export const SMALL_MAX_READ = 0x70;
/** Only DG2 is this long: a READ BINARY this far in is the middle of the portrait. */
const INSIDE_DG2_OFFSET = 0x1000;

function citizen(profileId: string): CardCitizen {
  const found = CARD_CITIZENS.find((c) => c.profileId === profileId);
  if (!found) throw new Error(`No card citizen ${profileId}`);
  return found;
}

const OK = { access: 'PACE', passiveAuth: 'verified' } as const;

const RECIPES: readonly ProfileRecipe[] = [
  ...CARD_CITIZENS.map((c, i): ProfileRecipe => ({
    id: c.profileId,
    title: c.fullName,
    description: `Thẻ căn cước của ${c.fullName} (PACE, chữ ký hợp lệ)`,
    citizen: c,
    expected: OK,
    // Card batches come as type A or B; the last citizen's card is type B.
    chip: { type: i === CARD_CITIZENS.length - 1 ? 'B' : 'A' },
  })),
  {
    id: 'small-max-read',
    title: 'Đọc từng khối nhỏ',
    description: `The chip answers 6700 to READ BINARY above Le 0x${SMALL_MAX_READ.toString(16)}: the reader steps down`,
    citizen: citizen('thu-ha'),
    expected: OK,
    chip: { maxReadLength: SMALL_MAX_READ },
  },
  {
    id: 'tampered-dg',
    title: 'Dữ liệu bị sửa',
    description: 'DG13 changed after signing: passive authentication fails',
    citizen: citizen('minh-khoa'),
    expected: { access: 'PACE', passiveAuth: 'failed' },
    files: { tamperDataGroup: 13 },
  },
  {
    id: 'unknown-csca',
    title: 'CSCA không rõ',
    description: 'Signed by a CSCA that is not in the trust store: untrusted-ca',
    citizen: citizen('ngoc-anh'),
    expected: { access: 'PACE', passiveAuth: 'untrusted-ca' },
    files: { unknownCsca: true },
  },
  {
    id: 'removed-mid-read',
    title: 'Rút thẻ giữa chừng',
    description: 'The card leaves the field while the portrait (DG2) is being read',
    citizen: citizen('van-hung'),
    expected: { access: 'PACE', passiveAuth: 'verified', error: 'CARD_REMOVED' },
    removeAtOffset: INSIDE_DG2_OFFSET,
  },
  {
    id: 'bac-only',
    title: 'Thẻ chỉ hỗ trợ BAC',
    description: 'No EF.CardAccess, no PACE: BAC with the expiry from the renewal-age rule',
    citizen: citizen('thu-ha'),
    expected: { access: 'BAC', passiveAuth: 'verified' },
    chip: { cardAccess: null },
  },
];

/** Every profile, citizens first. */
export const CHIP_PROFILES: readonly ChipProfile[] = RECIPES.map(
  ({ id, title, description, citizen: c, expected }) => ({
    id,
    title,
    description,
    citizen: c,
    expected,
  }),
);

export const CHIP_PROFILE_IDS: readonly string[] = CHIP_PROFILES.map((p) => p.id);

const filesCache = new Map<string, Promise<CardFiles>>();

/** The signed files of a profile (cached per process). */
export function profileFiles(id: string): Promise<CardFiles> {
  const recipe = recipeOf(id);
  const key = JSON.stringify([recipe.citizen.profileId, recipe.files ?? {}]);
  let files = filesCache.get(key);
  if (!files) {
    files = buildCardFiles(recipe.citizen, recipe.files);
    filesCache.set(key, files);
    files.catch(() => filesCache.delete(key));
  }
  return files;
}

export interface ProfileCard {
  readonly profile: ChipProfile;
  /** Put this on the PN532 simulator. */
  readonly card: CardEmulator;
  /** The chip behind `card` (history, remove/place). */
  readonly chip: CccdChipCard;
  readonly files: CardFiles;
}

/** A freshly powered card for a profile: new chip state each time, files from the cache. */
export async function createProfileCard(id: string): Promise<ProfileCard> {
  const recipe = recipeOf(id);
  const files = await profileFiles(id);
  const chip = new CccdChipCard({
    files: files.files,
    can: files.can,
    mrz: files.bac,
    ...recipe.chip,
  });
  const profile = CHIP_PROFILES.find((p) => p.id === id)!;
  const card = fieldCard(chip, recipe.removeAtOffset);
  return { profile, card, chip, files };
}

/** DER of the CSCA that signs every profile but 'unknown-csca': the demo's trust store. */
export async function trustedCscaDer(): Promise<Uint8Array> {
  return (await createTestPki()).cscaDer;
}

function recipeOf(id: string): ProfileRecipe {
  const recipe = RECIPES.find((r) => r.id === id);
  if (!recipe)
    throw new Error(`Unknown chip profile "${id}" (known: ${CHIP_PROFILE_IDS.join(', ')})`);
  return recipe;
}

/**
 * The chip as the PN532 simulator holds it. Each APDU first yields to the event loop, so that the
 * simulator's ACK frame is on the wire before the chip's (synchronous) crypto runs: a real PN532
 * ACKs at once, and a host in the same process would otherwise miss its 300 ms ACK window under
 * load and resend the command. With `removeAtOffset`, the chip leaves the field right after it
 * processed a READ BINARY at or beyond that offset: the reader never gets that answer (the PN532
 * reports a timeout), like a hand pulling the card away.
 */
function fieldCard(chip: CccdChipCard, removeAtOffset: number | undefined): CardEmulator {
  return {
    type: chip.type,
    uid: chip.uid,
    ...(chip.ats === undefined ? {} : { ats: chip.ats }),
    get present() {
      return chip.present;
    },
    async transceive(apdu: Uint8Array): Promise<Uint8Array> {
      await new Promise<void>((resolve) => setImmediate(resolve));
      const response = chip.transceive(apdu);
      const last = chip.history[chip.history.length - 1];
      if (
        removeAtOffset !== undefined &&
        last?.ins === 0xb0 &&
        ((last.p1 << 8) | last.p2) >= removeAtOffset
      ) {
        chip.remove();
      }
      return response;
    },
  };
}
