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

/** The text of the QR printed on a queue ticket: the kiosk can scan it to show the position. */
export function queueTicketQr(ticketId: string): string {
  return `MCKQ1|${ticketId}`;
}
