import { describe, expect, it } from 'vitest';
import { countersReportCsv, csvField, servicesReportCsv } from './queue-report-csv';
import type { QueueReport } from './queue-report';

const report: QueueReport = {
  fromDay: '2026-03-01',
  toDay: '2026-03-31',
  services: [
    {
      serviceId: 'ho-tich',
      issued: 12,
      priority: 2,
      done: 10,
      noShow: 1,
      cancelled: 0,
      transferredOut: 1,
      transferredIn: 0,
      unfinished: 0,
    },
  ],
  counters: [
    {
      counterId: 'q1',
      called: 11,
      done: 10,
      noShow: 1,
      averageWaitSeconds: 312.5,
      averageServiceSeconds: null,
    },
  ],
};

describe('queue report CSV', () => {
  it('writes tickets per service with a BOM and CRLF, names in NFC', () => {
    const nfd = 'Hộ tịch, khai sinh'.normalize('NFD');
    const csv = servicesReportCsv(report, new Map([['ho-tich', nfd]]));
    expect(csv).toBe(
      '\uFEFFfrom_day,to_day,service_id,service_name,issued,priority,done,no_show,cancelled,' +
        'transferred_out,transferred_in,unfinished\r\n' +
        '2026-03-01,2026-03-31,ho-tich,"Hộ tịch, khai sinh",12,2,10,1,0,1,0,0\r\n',
    );
    expect(Buffer.from(csv, 'utf8').subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
  });

  it('writes average times per counter, empty when unknown', () => {
    expect(countersReportCsv(report, new Map([['q1', 'Quầy 1']]))).toBe(
      '\uFEFFfrom_day,to_day,counter_id,counter_name,called,done,no_show,' +
        'average_wait_seconds,average_service_seconds\r\n' +
        '2026-03-01,2026-03-31,q1,Quầy 1,11,10,1,312.5,\r\n',
    );
  });

  it('quotes quotes and line breaks, and defuses spreadsheet formulas', () => {
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('a\nb')).toBe('"a\nb"');
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField(-3)).toBe('-3');
    expect(csvField(null)).toBe('');
  });
});
