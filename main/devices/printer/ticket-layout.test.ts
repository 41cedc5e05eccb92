import { describe, expect, it } from 'vitest';
import { encodeCp1258 } from './cp1258';
import { formatTicketTime, testTicketContent, ticketToBlocks } from './ticket-layout';
import type { PrintBlock, TicketContent } from './ticket-printer-port';

const ticket: TicketContent = {
  centreName: 'Trung tâm Phục vụ hành chính công thành phố Cần Thơ',
  serviceName: 'Hộ tịch',
  number: 'A012',
  issuedAt: new Date('2026-11-27T17:30:00Z'),
  waitingAhead: 4,
};

const texts = (blocks: PrintBlock[]): string[] =>
  blocks.flatMap((b) => (b.kind === 'text' || b.kind === 'number' ? [b.text] : []));

describe('ticket layout', () => {
  it('prints the time in Asia/Ho_Chi_Minh (UTC+7), whatever the machine zone', () => {
    expect(formatTicketTime(new Date('2026-11-27T17:30:00Z'))).toBe('28/11/2026 00:30');
    expect(formatTicketTime(new Date('2026-11-28T01:05:09Z'))).toBe('28/11/2026 08:05');
  });

  it('has centre, service, number, people ahead and time; no priority line for a normal ticket', () => {
    const t = texts(ticketToBlocks(ticket));
    expect(t).toEqual([
      'Trung tâm Phục vụ hành chính công thành phố Cần Thơ',
      'Hộ tịch',
      'SỐ THỨ TỰ',
      'A012',
      'Số người đang chờ trước bạn: 4',
      'Thời gian lấy số: 28/11/2026 00:30',
    ]);
  });

  it('adds the priority mark, counters, QR and footer when given', () => {
    const blocks = ticketToBlocks({
      ...ticket,
      priority: 'Người cao tuổi',
      counters: 'Quầy 3, 4',
      trackingQr: 'https://example.invalid/q/A012',
      footer: 'Xin cảm ơn',
    });
    expect(texts(blocks)).toContain('** ƯU TIÊN: Người cao tuổi **');
    expect(texts(blocks)).toContain('Mời đến: Quầy 3, 4');
    expect(blocks).toContainEqual(
      expect.objectContaining({ kind: 'qr', data: 'https://example.invalid/q/A012' }),
    );
    expect(texts(blocks).at(-1)).toBe('Xin cảm ơn');
  });

  it('the technician test ticket is fully printable in CP1258', () => {
    const blocks = ticketToBlocks(testTicketContent(new Date(0), 'Trung tâm Cần Thơ'));
    expect(texts(blocks).flatMap((t) => encodeCp1258(t).unencodable)).toEqual([]);
  });
});
