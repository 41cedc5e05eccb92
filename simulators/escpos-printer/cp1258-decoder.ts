/**
 * CP1258 → Unicode, as the printer's character generator would read it. Written independently of
 * the kiosk's encoder (main/devices/printer/cp1258.ts) on purpose: the simulator shows correct
 * Vietnamese only when the bytes on the wire are right. Source: Microsoft code page 1258 chart.
 */
const HIGH_HALF =
  // 0x80..0x8F, 0x90..0x9F ('\uFFFD' = unassigned)
  '\u20AC\uFFFD\u201A\u0192\u201E\u2026\u2020\u2021\u02C6\u2030\uFFFD\u2039\u0152\uFFFD\uFFFD\uFFFD' +
  '\uFFFD\u2018\u2019\u201C\u201D\u2022\u2013\u2014\u02DC\u2122\uFFFD\u203A\u0153\uFFFD\uFFFD\u0178' +
  // 0xA0..0xBF
  '\u00A0¡¢£¤¥¦§¨©ª«¬\u00AD®¯°±²³´µ¶·¸¹º»¼½¾¿' +
  // 0xC0..0xDF: 0xCC grave, 0xD2 hook above, 0xDE tilde are combining marks
  'ÀÁÂĂÄÅÆÇÈÉÊË\u0300ÍÎÏĐÑ\u0309ÓÔƠÖ×ØÙÚÛÜƯ\u0303ß' +
  // 0xE0..0xFF: 0xEC acute, 0xF2 dot below are combining marks
  'àáâăäåæçèéêë\u0301íîïđñ\u0323óôơö÷øùúûüư₫ÿ';

/** Decodes CP1258 bytes and returns NFC text (combining tone marks composed with their base). */
export function decodeCp1258(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += b < 0x80 ? String.fromCharCode(b) : (HIGH_HALF[b - 0x80] ?? '\uFFFD');
  return s.normalize('NFC');
}
