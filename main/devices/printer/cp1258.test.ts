import { describe, expect, it } from 'vitest';
import { fromHex, toHex } from '../../../common/hex';
import { encodeCp1258, isCp1258Encodable } from './cp1258';

describe('encodeCp1258', () => {
  // Golden bytes worked out from the Microsoft CP1258 chart: ô = F4, ư = FD, ơ = F5,
  // combining acute = EC, grave = CC, hook above = D2, dot below = F2.
  it.each([
    ['Số thứ tự', '53 F4 EC 20 74 68 FD EC 20 74 FD F2'],
    ['Hộ tịch', '48 F4 F2 20 74 69 F2 63 68'],
    ['Người cao tuổi', '4E 67 FD F5 CC 69 20 63 61 6F 20 74 75 F4 D2 69'],
    ['Đà Nẵng', 'D0 E0 20 4E E3 DE 6E 67'],
    ['Cần Thơ', '43 E2 CC 6E 20 54 68 F5'],
  ])('%s → %s', (text, hex) => {
    const e = encodeCp1258(text);
    expect(toHex(e.bytes)).toBe(hex);
    expect(e.unencodable).toEqual([]);
  });

  it('keeps precomposed letters where CP1258 has them and decomposes the rest', () => {
    // á, É, à are in CP1258 (Latin-1 positions); ì, ý, õ are not (their slots hold marks / ư / ơ).
    expect(toHex(encodeCp1258('áÉà').bytes)).toBe('E1 C9 E0');
    expect(toHex(encodeCp1258('ìýõ').bytes)).toBe('69 CC 79 EC 6F DE');
  });

  it('gives the same bytes for NFC and NFD input', () => {
    const text = 'Giấy tiếp nhận hồ sơ và hẹn trả kết quả';
    expect(encodeCp1258(text.normalize('NFD')).bytes).toEqual(encodeCp1258(text).bytes);
  });

  it("replaces unencodable characters with '?' and reports each once", () => {
    const e = encodeCp1258('Số ★ 你 ★');
    expect(toHex(e.bytes)).toBe(toHex(fromHex('53 F4 EC 20 3F 20 3F 20 3F')));
    expect(e.unencodable).toEqual(['★', '你']);
    expect(isCp1258Encodable('Số ★')).toBe(false);
    expect(isCp1258Encodable('Số thứ tự ₫')).toBe(true);
  });
});
