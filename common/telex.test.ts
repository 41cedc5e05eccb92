import { describe, expect, it } from 'vitest';
import { telex } from './telex';

describe('telex', () => {
  it.each([
    ['Nguyeenx Thij Thu Haf', 'Nguyễn Thị Thu Hà'],
    ['Traafn Vawn Hwng', 'Trần Văn Hưng'],
    ['Lee Minh An', 'Lê Minh An'],
    ['Ddawngj Minh Tris', 'Đặng Minh Trí'],
    ['Phajm Ngocj Asnh', 'Phạm Ngọc Ánh'],
    ['nguwowif', 'người'],
    ['hoaf', 'hoà'],
    ['thuys', 'thuý'],
    ['quoocs', 'quốc'],
    ['giar', 'giả'],
    ['Caanf Thow', 'Cần Thơ'],
    ['tieengs', 'tiếng'],
  ])('%s → %s', (keys, expected) => {
    expect(telex(keys)).toBe(expected.normalize('NFC'));
  });

  it('z removes the tone and a tone key moves the mark', () => {
    expect(telex('haz')).toBe('ha');
    expect(telex('hasz')).toBe('ha');
    expect(telex('hoasf')).toBe('hoà');
  });

  it('keeps digits and punctuation as typed, and output is NFC', () => {
    const out = telex('soos 12, dduwowngf 30');
    expect(out).toBe('số 12, đường 30');
    expect(out).toBe(out.normalize('NFC'));
  });
});
