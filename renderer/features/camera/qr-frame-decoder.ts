import {
  BarcodeFormat,
  BinaryBitmap,
  ChecksumException,
  DecodeHintType,
  FormatException,
  HybridBinarizer,
  NotFoundException,
  QRCodeReader,
  RGBLuminanceSource,
} from '@zxing/library';

/** An RGBA frame as `CanvasRenderingContext2D.getImageData` returns it (4 bytes per pixel). */
export interface RgbaFrame {
  readonly data: Uint8ClampedArray;
  readonly width: number;
  readonly height: number;
}

export interface QrFrameDecoder {
  /** The text of the QR code in the frame, or null when there is none (or it is unreadable). */
  decode(frame: RgbaFrame): string | null;
}

/**
 * QR-only decoder with @zxing/library: TRY_HARDER off (speed), CHARACTER_SET UTF-8 so the
 * Vietnamese diacritics in a CCCD QR (byte mode, UTF-8) survive. No DOM: usable in Node.
 */
export function createQrFrameDecoder(): QrFrameDecoder {
  const reader = new QRCodeReader();
  const hints = new Map<DecodeHintType, unknown>([
    [DecodeHintType.POSSIBLE_FORMATS, [BarcodeFormat.QR_CODE]],
    [DecodeHintType.CHARACTER_SET, 'UTF-8'],
  ]);
  let luminance = new Uint8ClampedArray(0);
  return {
    decode(frame) {
      const { width, height, data } = frame;
      const pixels = width * height;
      if (width <= 0 || height <= 0 || data.length < pixels * 4) return null;
      if (luminance.length !== pixels) luminance = new Uint8ClampedArray(pixels);
      // ITU-R BT.601 luma with integer weights (77 + 150 + 29 = 256).
      for (let i = 0, p = 0; i < pixels; i++, p += 4) {
        luminance[i] =
          ((data[p] ?? 0) * 77 + (data[p + 1] ?? 0) * 150 + (data[p + 2] ?? 0) * 29) >> 8;
      }
      const source = new RGBLuminanceSource(luminance, width, height);
      try {
        return reader.decode(new BinaryBitmap(new HybridBinarizer(source)), hints).getText();
      } catch (err) {
        if (
          err instanceof NotFoundException ||
          err instanceof ChecksumException ||
          err instanceof FormatException
        )
          return null;
        throw err;
      } finally {
        reader.reset();
      }
    },
  };
}
