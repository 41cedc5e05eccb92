import type { ApduTransceiver } from './apdu-transceiver.js';

/** ISO/IEC 14443 type of a contactless card (the CCCD comes as A or B depending on the batch). */
export type ContactlessCardType = 'A' | 'B';

/**
 * A card in the reader's field, activated up to ISO/IEC 14443-4 so APDUs can be exchanged.
 * `transceive` rejects with CARD_REMOVED when the card left the field, CARD_RF_ERROR on a
 * transient RF error (retry or ask the citizen to hold the card still), DEVICE_TIMEOUT when the
 * reader did not answer in time, DEVICE_NOT_CONNECTED when the reader is gone.
 */
export interface CardSession extends ApduTransceiver {
  readonly type: ContactlessCardType;
  /** UID (type A NFCID1) or PUPI (type B). Random per session on most eMRTD chips. */
  readonly uid: Uint8Array;
  /** ATS historical bytes (type A) or ATQB application data (type B), when reported. */
  readonly ats?: Uint8Array;
  /** False after release() or once the card was found gone. */
  readonly active: boolean;
  /** Deactivates the card (best effort; never throws). */
  release(): Promise<void>;
}

export interface IdCardReaderInfo {
  /** Technology, e.g. 'pn532', later 'pcsc'. */
  readonly kind: string;
  /** For the setup screen, e.g. "PN532 firmware 1.6 on serial:///dev/ttyUSB0?baud=115200". */
  readonly description: string;
  readonly firmware?: string;
  readonly cardTypes: readonly ContactlessCardType[];
}

/**
 * A contactless reader as the identity service sees it. Adapters: Pn532IdCardReader (UART);
 * PC/SC or vendor readers can implement the same interface later.
 */
export interface IdCardReader {
  /** Opens the device and initialises it; rejects with DEVICE_* errors. */
  open(timeoutMs?: number): Promise<IdCardReaderInfo>;
  /**
   * Polls until a card is in the field and activated. Rejects with CARD_NOT_PRESENT when none
   * came within `timeoutMs`, or TIMEOUT when `signal` aborted the wait. A previous session is
   * released first.
   */
  waitForCard(timeoutMs: number, signal?: AbortSignal): Promise<CardSession>;
  /** Releases any card, switches the field off when it can, and closes the device. */
  close(): Promise<void>;
}
