import type { PriorityCategory } from './queue';

/** Vietnamese names of the priority categories, as printed on tickets and shown on screens. */
export const PRIORITY_LABELS_VI: Record<PriorityCategory, string> = {
  elderly: 'Người cao tuổi',
  disability: 'Người khuyết tật',
  pregnant: 'Phụ nữ mang thai',
  meritorious: 'Người có công với cách mạng',
  'young-child': 'Người đi cùng trẻ nhỏ',
  other: 'Đối tượng ưu tiên khác',
};

const QUEUE_QR_TAG = 'MCKQ1';

/** The text of the QR printed on a queue ticket: the kiosk can scan it to show the position. */
export function queueTicketQr(ticketId: string): string {
  return `${QUEUE_QR_TAG}|${ticketId}`;
}

/** The ticket id of a queue ticket's QR, or null for any other text. */
export function parseQueueTicketQr(text: string): string | null {
  const m = /^MCKQ1\|([A-Za-z0-9-]{1,64})$/.exec(text.trim());
  return m?.[1] ?? null;
}
