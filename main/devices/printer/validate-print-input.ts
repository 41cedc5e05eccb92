/** Checks what the queue service hands to the printer, so bad input is a typed error, not a crash. */
import { AppError } from '../../../common/errors';
import type { PrintBlock, TicketContent } from './ticket-printer-port';

export const MAX_BLOCKS = 200;
export const MAX_TEXT_CHARS = 1000;
export const MAX_NUMBER_CHARS = 10;
/** QR payload limit: keeps the symbol readable at the module size a ticket allows. */
export const MAX_QR_BYTES = 700;

function invalid(message: string): never {
  throw new AppError('INVALID_INPUT', message);
}

function checkText(value: unknown, what: string, max = MAX_TEXT_CHARS): void {
  if (typeof value !== 'string') invalid(`${what} must be a string`);
  if (value.length > max) invalid(`${what} is longer than ${max} characters`);
}

export function validateBlocks(blocks: readonly PrintBlock[]): void {
  const list: unknown = blocks;
  if (!Array.isArray(list) || blocks.length === 0) invalid('nothing to print');
  if (blocks.length > MAX_BLOCKS) invalid(`more than ${MAX_BLOCKS} blocks`);
  blocks.forEach((b, i) => {
    const at = `block ${i}`;
    switch (b.kind) {
      case 'text':
        checkText(b.text, `${at} text`);
        if (b.size !== undefined && !(Number.isInteger(b.size) && b.size >= 1 && b.size <= 4)) {
          invalid(`${at} size must be 1..4`);
        }
        break;
      case 'number':
        checkText(b.text, `${at} number`, MAX_NUMBER_CHARS);
        if (b.text.trim() === '') invalid(`${at} number is empty`);
        break;
      case 'qr':
        checkText(b.data, `${at} QR data`, MAX_QR_BYTES);
        if (b.data === '') invalid(`${at} QR data is empty`);
        if (new TextEncoder().encode(b.data).length > MAX_QR_BYTES) {
          invalid(`${at} QR data is longer than ${MAX_QR_BYTES} bytes`);
        }
        if (b.caption !== undefined) checkText(b.caption, `${at} QR caption`);
        break;
      case 'rule':
        break;
      case 'feed':
        if (
          b.lines !== undefined &&
          !(Number.isInteger(b.lines) && b.lines >= 1 && b.lines <= 10)
        ) {
          invalid(`${at} feed lines must be 1..10`);
        }
        break;
      default:
        invalid(`${at} has an unknown kind`);
    }
  });
}

export function validateTicket(t: TicketContent): void {
  checkText(t.centreName, 'centreName');
  checkText(t.serviceName, 'serviceName');
  checkText(t.number, 'number', MAX_NUMBER_CHARS);
  if (t.number.trim() === '') invalid('number is empty');
  if (!(t.issuedAt instanceof Date) || Number.isNaN(t.issuedAt.getTime())) {
    invalid('issuedAt is not a valid date');
  }
  if (!Number.isFinite(t.waitingAhead) || t.waitingAhead < 0) {
    invalid('waitingAhead must be a number ≥ 0');
  }
}
