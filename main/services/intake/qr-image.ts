import QRCode from 'qrcode';

/** A QR code (VietQR payload, receipt) as an SVG data URL for the renderer's <img>. */
export async function qrSvgDataUrl(text: string): Promise<string> {
  const svg = await QRCode.toString(text, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  return `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
}
