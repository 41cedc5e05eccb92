/** Turns a queue ticket into printable blocks (the same layout for code-page and raster output). */
import type { PrintBlock, TicketContent, TicketLabels } from './ticket-printer-port';

export const VI_TICKET_LABELS: TicketLabels = {
  numberHeading: 'SỐ THỨ TỰ',
  priority: 'ƯU TIÊN',
  issuedAt: 'Thời gian lấy số',
  waitingAhead: 'Số người đang chờ trước bạn: {n}',
  counters: 'Mời đến',
  scanToFollow: 'Quét mã để theo dõi lượt của bạn',
};

export const TICKET_TIME_ZONE = 'Asia/Ho_Chi_Minh';

/** "28/11/2026 08:05" in Vietnam's time zone, whatever the machine's zone is. */
export function formatTicketTime(at: Date, timeZone = TICKET_TIME_ZONE): string {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(at);
  const get = (t: Intl.DateTimeFormatPartTypes): string =>
    parts.find((p) => p.type === t)?.value ?? '';
  return `${get('day')}/${get('month')}/${get('year')} ${get('hour')}:${get('minute')}`;
}

export function ticketToBlocks(
  ticket: TicketContent,
  labels: TicketLabels = VI_TICKET_LABELS,
  timeZone = TICKET_TIME_ZONE,
): PrintBlock[] {
  const blocks: PrintBlock[] = [
    { kind: 'text', text: ticket.centreName, align: 'center', bold: true },
    { kind: 'rule' },
    { kind: 'text', text: ticket.serviceName, align: 'center', bold: true, size: 2 },
    { kind: 'feed' },
    { kind: 'text', text: labels.numberHeading, align: 'center' },
    { kind: 'number', text: ticket.number },
  ];
  if (ticket.priority !== undefined && ticket.priority.trim() !== '') {
    blocks.push({
      kind: 'text',
      text: `** ${labels.priority}: ${ticket.priority} **`,
      align: 'center',
      bold: true,
    });
  }
  blocks.push({ kind: 'feed' });
  if (ticket.counters !== undefined && ticket.counters.trim() !== '') {
    blocks.push({ kind: 'text', text: `${labels.counters}: ${ticket.counters}`, align: 'center' });
  }
  blocks.push(
    {
      kind: 'text',
      text: labels.waitingAhead.replace(
        '{n}',
        String(Math.max(0, Math.trunc(ticket.waitingAhead))),
      ),
      align: 'center',
    },
    {
      kind: 'text',
      text: `${labels.issuedAt}: ${formatTicketTime(ticket.issuedAt, timeZone)}`,
      align: 'center',
    },
  );
  if (ticket.trackingQr !== undefined && ticket.trackingQr !== '') {
    blocks.push({ kind: 'qr', data: ticket.trackingQr, caption: labels.scanToFollow });
  }
  if (ticket.footer !== undefined && ticket.footer.trim() !== '') {
    blocks.push({ kind: 'rule' }, { kind: 'text', text: ticket.footer, align: 'center' });
  }
  return blocks;
}

/** The technician's test ticket: every Vietnamese tone, a priority mark and a QR. */
export function testTicketContent(issuedAt: Date, centreName: string): TicketContent {
  return {
    centreName,
    serviceName: 'Hộ tịch',
    number: 'A000',
    priority: 'Người cao tuổi',
    issuedAt,
    waitingAhead: 0,
    counters: 'Quầy 1',
    trackingQr: 'PHIEU-THU-NGHIEM',
    footer: 'Phiếu in thử: à á ả ã ạ ă â đ ê ô ơ ư — Ầ Ấ Ẩ Ẫ Ậ Ơ Ư Đ',
  };
}
