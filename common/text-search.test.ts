import { describe, expect, it } from 'vitest';
import { foldVietnamese, matchesQuery, searchTerms, toNfc } from './text-search.js';

describe('foldVietnamese', () => {
  it('strips tone and vowel marks and maps đ/Đ to d', () => {
    expect(foldVietnamese('Đăng ký khai sinh')).toBe('dang ky khai sinh');
    expect(foldVietnamese('Hộ tịch')).toBe('ho tich');
    expect(foldVietnamese('ĐẤT ĐAI')).toBe('dat dai');
    expect(foldVietnamese('Nguyễn Thị Thu Hà')).toBe('nguyen thi thu ha');
  });

  it('gives the same result for NFC and NFD input', () => {
    const nfd = 'Chứng thực'.normalize('NFD');
    expect(nfd).not.toBe('Chứng thực');
    expect(foldVietnamese(nfd)).toBe(foldVietnamese('Chứng thực'));
    expect(toNfc(nfd)).toBe('Chứng thực');
  });

  it('collapses whitespace', () => {
    expect(foldVietnamese('  cư   trú\t')).toBe('cu tru');
    expect(searchTerms('   ')).toEqual([]);
  });
});

describe('matchesQuery', () => {
  it('needs every term somewhere in the haystacks', () => {
    expect(matchesQuery('dang ky khai sinh', ['Đăng ký khai sinh'])).toBe(true);
    expect(matchesQuery('khai sinh ho tich', ['Đăng ký khai sinh', 'Hộ tịch'])).toBe(true);
    expect(matchesQuery('khai tu', ['Đăng ký khai sinh', 'Hộ tịch'])).toBe(false);
    expect(matchesQuery('', ['anything'])).toBe(true);
  });
});
