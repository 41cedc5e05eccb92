import { describe, expect, it } from 'vitest';
import { AppError } from '../../../common/errors';
import { decodeStatus, isStatusByte, statusError } from './printer-status';

const bytes = (printer: number, offlineCause: number, errorCause: number, paperSensor: number) => ({
  printer,
  offlineCause,
  errorCause,
  paperSensor,
});

describe('DLE EOT status decoding (Epson ESC/POS real-time status)', () => {
  it('all fixed bits only → ready', () => {
    const s = decodeStatus(bytes(0x12, 0x12, 0x12, 0x12));
    expect(s).toMatchObject({ state: 'ready', online: true, paperNearEnd: false });
    expect(s.raw).toBe('12 12 12 12');
  });

  it('roll paper near end → still ready, with a warning flag', () => {
    expect(decodeStatus(bytes(0x12, 0x12, 0x12, 0x1e))).toMatchObject({
      state: 'ready',
      paperNearEnd: true,
    });
  });

  it('paper end → paper-out (offline, printing stopped by paper end)', () => {
    expect(decodeStatus(bytes(0x1a, 0x32, 0x12, 0x7e))).toMatchObject({
      state: 'paper-out',
      paperOut: true,
      online: false,
    });
  });

  it('cover open → cover-open', () => {
    expect(decodeStatus(bytes(0x1a, 0x16, 0x12, 0x12)).state).toBe('cover-open');
  });

  it('autocutter error → error', () => {
    expect(decodeStatus(bytes(0x1a, 0x52, 0x1a, 0x12)).state).toBe('error');
  });

  it('offline without a cause → offline', () => {
    expect(decodeStatus(bytes(0x1a, 0x12, 0x12, 0x12)).state).toBe('offline');
  });

  it('rejects bytes that are not DLE EOT answers, with a hex dump', () => {
    expect(isStatusByte(0x13)).toBe(false); // XOFF
    expect(() => decodeStatus(bytes(0x12, 0x13, 0x12, 0x12))).toThrowError(/12 13 12 12/);
  });

  it('maps states to stable error codes', () => {
    const code = (p: number, o: number, e: number, s: number): string | undefined =>
      statusError(decodeStatus(bytes(p, o, e, s)), 'test')?.code;
    expect(code(0x12, 0x12, 0x12, 0x12)).toBeUndefined();
    expect(code(0x1a, 0x32, 0x12, 0x7e)).toBe('PRINTER_PAPER_OUT');
    expect(code(0x1a, 0x16, 0x12, 0x12)).toBe('PRINTER_COVER_OPEN');
    expect(code(0x1a, 0x12, 0x12, 0x12)).toBe('PRINTER_OFFLINE');
    expect(code(0x1a, 0x52, 0x1a, 0x12)).toBe('PRINTER_ERROR');
    expect(statusError(decodeStatus(bytes(0x12, 0x12, 0x12, 0x12)), 'x')).not.toBeInstanceOf(
      AppError,
    );
  });
});
