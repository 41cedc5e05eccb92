import type { CitizenIdentity } from '../../../common/citizen-identity.js';

/**
 * The ports the identity service reads a chip-based ID card through. Adapters live in
 * main/devices/id-card/ (IcaoCardDocumentReader over any IdCardReader, IcaoCardDocumentInterpreter
 * over the ICAO 9303 LDS parsers and passive authentication); the service only orchestrates the
 * steps, with a timeout on each.
 */

/** Key material that opens the chip (ICAO 9303-11 §4: PACE with a CAN or MRZ, BAC with an MRZ). */
export type DocumentAccessKey =
  /** From the card's QR code: CAN = last 6 ID digits, then BAC with expiry candidates. */
  | {
      readonly kind: 'cccd';
      readonly idNumber: string;
      /** yyyy-mm-dd */
      readonly dateOfBirth: string;
      /** yyyy-mm-dd; sharpens the BAC expiry guess (renewal-age rule). */
      readonly issueDate?: string;
    }
  | { readonly kind: 'can'; readonly can: string }
  | {
      readonly kind: 'mrz';
      /** 9-character MRZ document number (a 12-digit CCCD ID is cut to its last 9 digits). */
      readonly documentNumber: string;
      /** yymmdd */
      readonly dateOfBirth: string;
      /** yymmdd (`991231` for cards without expiry) */
      readonly dateOfExpiry: string;
    };

/** The files of the eMRTD application the kiosk reads (ICAO 9303-10 §4.6). */
export const DOCUMENT_FILES = ['COM', 'DG1', 'DG2', 'DG13', 'DG14', 'DG15', 'SOD'] as const;
export type DocumentFileName = (typeof DOCUMENT_FILES)[number];

export interface ReaderDescription {
  /** e.g. 'pn532' */
  readonly kind: string;
  /** For the setup screen. */
  readonly description: string;
}

/** One frame on the reader's wire, for the setup screen's raw frame log. */
export interface RawFrame {
  /** Date.now() */
  readonly at: number;
  readonly direction: 'out' | 'in';
  readonly kind: string;
  readonly hex: string;
  readonly note?: string;
}

export interface StepOptions {
  /** Aborting stops the step before its next exchange with the card. */
  readonly signal?: AbortSignal;
}

export interface AuthenticateOptions extends StepOptions {
  /** Technician step log (never key material or ID digits). */
  readonly log?: (line: string) => void;
}

export interface ReadFileOptions extends StepOptions {
  readonly onProgress?: (bytesRead: number, totalBytes: number | undefined) => void;
}

export interface AuthenticatedDocument {
  readonly access: 'PACE' | 'BAC';
  /** Which kind of key opened the chip. */
  readonly keyKind: 'CAN' | 'MRZ';
}

/** A card in the field, activated, not yet authenticated. */
export interface CardDocument {
  readonly cardType: 'A' | 'B';
  /**
   * Opens secure messaging: PACE first, BAC as fallback, every key candidate in turn. Errors:
   * CARD_ACCESS_DENIED, CARD_REMOVED, CARD_PROTOCOL, CARD_SM_MAC_INVALID, INVALID_INPUT, TIMEOUT.
   */
  authenticate(
    key: DocumentAccessKey,
    options?: AuthenticateOptions,
  ): Promise<AuthenticatedDocument>;
  /** Reads a whole file under secure messaging; `undefined` when the chip has none (6A82). */
  readFile(name: DocumentFileName, options?: ReadFileOptions): Promise<Uint8Array | undefined>;
  /** Deactivates the card (best effort; never throws). */
  release(): Promise<void>;
}

export interface CardDocumentReader {
  /** Opens and initialises the reader; rejects with DEVICE_* errors. */
  open(timeoutMs: number): Promise<ReaderDescription>;
  readonly isOpen: boolean;
  /** Resolves once a card is activated; CARD_NOT_PRESENT after `timeoutMs`, TIMEOUT on abort. */
  waitForCard(timeoutMs: number, signal?: AbortSignal): Promise<CardDocument>;
  /** Subscribes to the raw frames on the reader's wire; returns an unsubscribe function. */
  onFrame(listener: (frame: RawFrame) => void): () => void;
  close(): Promise<void>;
}

export interface InterpretInput {
  readonly files: ReadonlyMap<DocumentFileName, Uint8Array>;
  readonly access: 'PACE' | 'BAC';
  /** CSCA trust-store folder; undefined: none configured (→ at best `untrusted-ca`). */
  readonly trustDir: string | undefined;
}

/** Parses the files, runs passive authentication and maps to a CitizenIdentity. */
export interface CardDocumentInterpreter {
  /** Data groups EF.COM lists, or undefined when it cannot be parsed. */
  listedDataGroups(com: Uint8Array): readonly number[] | undefined;
  /** Throws ID_CARD_DATA_INVALID when DG1/DG13 cannot be parsed or disagree. */
  interpret(input: InterpretInput): Promise<CitizenIdentity>;
}
