/**
 * The ticket printer as the queue service sees it: print a ticket or a slip, read the status.
 * Types only, so services can depend on it without pulling in an adapter.
 */
import type { ErrorInfo } from '../../../common/errors';

export type PrinterState = 'ready' | 'paper-out' | 'cover-open' | 'offline' | 'error' | 'unknown';

export interface PrinterStatus {
  /** The one thing the kiosk needs: can a ticket come out now? */
  readonly state: PrinterState;
  /** Paper is low but printing still works: an alert for setup, not for the citizen. */
  readonly paperNearEnd: boolean;
  readonly coverOpen: boolean;
  readonly paperOut: boolean;
  readonly online: boolean;
  /** Cutter, mechanical or auto-recoverable (head temperature) error. */
  readonly error: boolean;
  /** Raw answers to DLE EOT 1..4 (hex) for technicians; empty when the printer never answered. */
  readonly raw: string;
}

export type TextAlign = 'left' | 'center' | 'right';

/** A piece of a printed document. Text is Unicode (any normalization form). */
export type PrintBlock =
  | {
      readonly kind: 'text';
      readonly text: string;
      readonly align?: TextAlign;
      readonly bold?: boolean;
      /** Character magnification 1..4 (1 = normal). */
      readonly size?: number;
    }
  /** A ticket number: as large as the paper allows, centred. */
  | { readonly kind: 'number'; readonly text: string }
  | { readonly kind: 'qr'; readonly data: string; readonly caption?: string }
  | { readonly kind: 'rule' }
  | { readonly kind: 'feed'; readonly lines?: number };

/** What a queue ticket says. Plain data, independent of the queue domain types. */
export interface TicketContent {
  readonly centreName: string;
  readonly serviceName: string;
  /** As shown to the citizen, e.g. "A012". */
  readonly number: string;
  /** Priority category shown on the ticket, e.g. "Người cao tuổi"; absent for a normal ticket. */
  readonly priority?: string;
  readonly issuedAt: Date;
  readonly waitingAhead: number;
  /** Counter(s) serving the service, e.g. "Quầy 3, 4". */
  readonly counters?: string;
  /** Payload of the "follow the queue" QR (a URL or our ticket code). */
  readonly trackingQr?: string;
  readonly footer?: string;
}

/** Fixed texts printed on the ticket; `{n}` is replaced by a number. Defaults: VI_TICKET_LABELS. */
export interface TicketLabels {
  readonly numberHeading: string;
  readonly priority: string;
  readonly issuedAt: string;
  readonly waitingAhead: string;
  readonly counters: string;
  readonly scanToFollow: string;
}

export type PrintWarning = 'paper-near-end' | 'status-unconfirmed' | 'characters-replaced';

export interface PrintReport {
  /** True only when the printer confirmed, before and after, that it could print the whole job. */
  readonly printed: boolean;
  /** Why not, when `printed` is false (PRINTER_PAPER_OUT, PRINTER_TIMEOUT...). */
  readonly error?: ErrorInfo;
  readonly before: PrinterStatus;
  readonly after: PrinterStatus;
  readonly warnings: readonly PrintWarning[];
  /** Characters the code page could not print (they came out as '?'). */
  readonly unencodable: readonly string[];
  readonly bytesSent: number;
}

/** Print methods never reject: bad input (INVALID_INPUT), a missing font and printer faults are reported. */
export interface TicketPrinter {
  printTicket(ticket: TicketContent): Promise<PrintReport>;
  /** Free-form slips (dossier receipts, test pages): the blocks, then a cut. */
  printDocument(blocks: readonly PrintBlock[]): Promise<PrintReport>;
  /** Never throws for an absent printer: answers `state: 'unknown'`. */
  status(): Promise<PrinterStatus>;
  close(): Promise<void>;
}
