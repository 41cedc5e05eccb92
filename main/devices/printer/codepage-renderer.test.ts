import { describe, expect, it } from 'vitest';
import { toHex } from '../../../common/hex';
import { numberMagnification, renderCodePage } from './codepage-renderer';
import { commandSetFor } from './escpos-command-set';

const epson = { commands: commandSetFor('epson'), paper: 80 as const, codePage: 52 };

describe('renderCodePage', () => {
  it('golden bytes: one centred bold Vietnamese line under ESC t 52, then cut', () => {
    const job = renderCodePage(
      [{ kind: 'text', text: 'Số thứ tự', align: 'center', bold: true }],
      epson,
    );
    expect(toHex(job.bytes)).toBe(
      [
        '1B 40', // ESC @
        '1B 74 34', // ESC t 52: WPC1258
        '1B 61 01 1B 45 01 1D 21 00', // centre, bold, normal size
        '53 F4 EC 20 74 68 FD EC 20 74 FD F2 0A', // "Số thứ tự" LF
        '1D 21 00 1B 45 00', // size and bold back to normal
        '1B 61 00 1B 64 04 1D 56 01', // left, feed 4, partial cut
      ].join(' '),
    );
    expect(job.unencodable).toEqual([]);
  });

  it('uses the STAR code-page command and the configured page number', () => {
    const job = renderCodePage([{ kind: 'text', text: 'Hộ tịch' }], {
      commands: commandSetFor('star'),
      paper: 58,
      codePage: 30,
    });
    expect(toHex(job.bytes.subarray(0, 6))).toBe('1B 40 1B 1D 74 1E');
    expect(toHex(job.bytes)).toContain('48 F4 F2 20 74 69 F2 63 68 0A');
  });

  it('prints the ticket number as large as the paper allows', () => {
    expect(numberMagnification(4, 80, 8)).toBe(8);
    expect(numberMagnification(4, 58, 8)).toBe(7);
    expect(numberMagnification(5, 58, 8)).toBe(6);
    expect(numberMagnification(4, 80, 6)).toBe(6);
    const job = renderCodePage([{ kind: 'number', text: 'A012' }], epson);
    expect(toHex(job.bytes)).toContain('1D 21 77 41 30 31 32 0A');
  });

  it('wraps long lines to the paper columns (32 on 58 mm), counting letters not marks', () => {
    const text = 'Trung tâm Phục vụ hành chính công thành phố Cần Thơ';
    const job = renderCodePage([{ kind: 'text', text }], { ...epson, paper: 58 });
    const lines = countLineFeeds(job.bytes);
    expect(lines).toBe(2);
  });

  it('reports characters the code page cannot print', () => {
    const job = renderCodePage([{ kind: 'text', text: '★ Ưu tiên ★ 😀' }], epson);
    expect(job.unencodable).toEqual(['★', '😀']);
  });
});

function countLineFeeds(bytes: Uint8Array): number {
  // LF bytes outside command parameters: this document has no parameter equal to 0x0A.
  return bytes.filter((b) => b === 0x0a).length;
}
