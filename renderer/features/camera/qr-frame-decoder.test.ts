import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import { createQrFrameDecoder, type RgbaFrame } from './qr-frame-decoder';

/** A grey 1280×720 RGBA frame with the QR of `text` drawn black on white at (left, top). */
function frameWithQr(text: string, modulePx = 8, left = 300, top = 80): RgbaFrame {
  const width = 1280;
  const height = 720;
  const data = new Uint8ClampedArray(width * height * 4).fill(128);
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const size = qr.modules.size;
  const quiet = 4;
  const sidePx = (size + 2 * quiet) * modulePx;
  for (let y = 0; y < sidePx; y++) {
    for (let x = 0; x < sidePx; x++) {
      const mx = Math.floor(x / modulePx) - quiet;
      const my = Math.floor(y / modulePx) - quiet;
      const dark = mx >= 0 && my >= 0 && mx < size && my < size && qr.modules.get(my, mx) === 1;
      const p = ((top + y) * width + left + x) * 4;
      const v = dark ? 0 : 255;
      data[p] = v;
      data[p + 1] = v;
      data[p + 2] = v;
      data[p + 3] = 255;
    }
  }
  return { data, width, height };
}

const CCCD_QR =
  '092185001234|385123456|Nguyễn Thị Thu Hà|14031985|Nữ|Số 12, đường Nguyễn Văn Cừ, phường An Hòa, quận Ninh Kiều, Cần Thơ|01072021';

describe('createQrFrameDecoder', () => {
  it('reads a CCCD QR in a 1280×720 frame with its Vietnamese diacritics intact', () => {
    const decoder = createQrFrameDecoder();
    expect(decoder.decode(frameWithQr(CCCD_QR))).toBe(CCCD_QR);
  });

  it('reads frame after frame with the same decoder (state is reset between frames)', () => {
    const decoder = createQrFrameDecoder();
    expect(decoder.decode(frameWithQr('first|Đồng Tháp', 6, 100, 100))).toBe('first|Đồng Tháp');
    expect(decoder.decode(frameWithQr('second|Hậu Giang', 7, 700, 200))).toBe('second|Hậu Giang');
  });

  it('returns null for a frame without a code, an empty frame or a short buffer', () => {
    const decoder = createQrFrameDecoder();
    const blank = new Uint8ClampedArray(1280 * 720 * 4).fill(200);
    expect(decoder.decode({ data: blank, width: 1280, height: 720 })).toBeNull();
    expect(decoder.decode({ data: new Uint8ClampedArray(0), width: 0, height: 0 })).toBeNull();
    expect(
      decoder.decode({ data: new Uint8ClampedArray(16), width: 1280, height: 720 }),
    ).toBeNull();
  });

  it('returns null for a code cut off by the frame edge', () => {
    const decoder = createQrFrameDecoder();
    const frame = frameWithQr(CCCD_QR, 8, 300, 80);
    // Blank out the right half of the code, including two finder patterns.
    for (let y = 0; y < 720; y++)
      for (let x = 600; x < 1280; x++)
        frame.data.fill(128, (y * 1280 + x) * 4, (y * 1280 + x) * 4 + 3);
    expect(decoder.decode(frame)).toBeNull();
  });
});
