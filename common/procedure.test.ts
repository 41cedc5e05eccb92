import { describe, expect, it } from 'vitest';
import {
  addWorkingDays,
  feesFor,
  matchesProcedureQuery,
  prefillForm,
  processingDays,
  type Fee,
  type FormSchema,
  type ProcessingTime,
} from './procedure.js';

const TET_2026 = new Set([
  '2026-02-14',
  '2026-02-15',
  '2026-02-16',
  '2026-02-17',
  '2026-02-18',
  '2026-02-19',
  '2026-02-20',
  '2026-02-21',
  '2026-02-22',
]);

describe('addWorkingDays', () => {
  it('skips weekends: Friday + 1 working day is Monday', () => {
    expect(addWorkingDays('2026-11-27', 1, new Set())).toBe('2026-11-30');
    expect(addWorkingDays('2026-11-23', 3, new Set())).toBe('2026-11-26');
  });

  it('skips holidays: 3 working days from the Friday before Tết 2026 end on 25 February', () => {
    expect(addWorkingDays('2026-02-13', 3, TET_2026)).toBe('2026-02-25');
  });

  it('0 days is the same working day, or the next one when received on a day off', () => {
    expect(addWorkingDays('2026-11-26', 0, new Set())).toBe('2026-11-26');
    expect(addWorkingDays('2026-11-28', 0, new Set())).toBe('2026-11-30');
    expect(addWorkingDays('2026-02-16', 0, TET_2026)).toBe('2026-02-23');
  });

  it('refuses nonsense', () => {
    expect(() => addWorkingDays('28/11/2026', 1, new Set())).toThrow(RangeError);
    expect(() => addWorkingDays('2026-11-28', -1, new Set())).toThrow(RangeError);
    expect(() => addWorkingDays('2026-11-28', 1.5, new Set())).toThrow(RangeError);
  });
});

describe('fees and processing times per channel', () => {
  const fees: Fee[] = [
    { name: 'Lệ phí đăng ký thường trú', kind: 'le-phi', amountVnd: 20000 },
    { name: 'Lệ phí đăng ký thường trú', kind: 'le-phi', amountVnd: 10000, channel: 'truc-tuyen' },
    { name: 'Phí khác', kind: 'phi', amountVnd: 5000 },
  ];
  it('lets a channel-specific fee replace the general one of the same name', () => {
    expect(feesFor({ fees }, 'truc-tiep').map((f) => f.amountVnd)).toEqual([20000, 5000]);
    expect(feesFor({ fees }, 'truc-tuyen').map((f) => f.amountVnd)).toEqual([5000, 10000]);
  });

  it('gives the shortest time, or the time of one channel', () => {
    const processingTimes: ProcessingTime[] = [
      { channel: 'truc-tiep', workingDays: 3 },
      { channel: 'truc-tuyen', workingDays: 2 },
    ];
    expect(processingDays({ processingTimes })).toBe(2);
    expect(processingDays({ processingTimes }, 'truc-tiep')).toBe(3);
    expect(processingDays({ processingTimes }, 'buu-chinh')).toBeUndefined();
  });
});

describe('matchesProcedureQuery', () => {
  const khaiSinh = {
    code: '1.001193',
    name: 'Đăng ký khai sinh',
    field: 'Hộ tịch',
    fieldCode: 'ho-tich',
  };
  it('matches by name, code and field, without diacritics', () => {
    expect(matchesProcedureQuery(khaiSinh, { q: 'dang ky khai sinh' })).toBe(true);
    expect(matchesProcedureQuery(khaiSinh, { q: '1.001193' })).toBe(true);
    expect(matchesProcedureQuery(khaiSinh, { q: 'ho tich' })).toBe(true);
    expect(matchesProcedureQuery(khaiSinh, { field: 'HỘ TỊCH' })).toBe(true);
    expect(matchesProcedureQuery(khaiSinh, { field: 'ho-tich', q: 'khai' })).toBe(true);
    expect(matchesProcedureQuery(khaiSinh, { field: 'cu tru' })).toBe(false);
    expect(matchesProcedureQuery(khaiSinh, { q: 'khai tu' })).toBe(false);
  });
});

describe('prefillForm', () => {
  const schema: FormSchema = {
    type: 'object',
    properties: {
      hoTen: { type: 'string', 'x-prefill': 'fullName' },
      soDinhDanh: { type: 'string', 'x-prefill': 'idNumber', pattern: '^[0-9]{12}$' },
      ngaySinh: { type: 'string', 'x-prefill': 'dateOfBirth', format: 'date' },
      gioiTinh: { type: 'string', 'x-prefill': 'sex', enum: ['Nam', 'Nữ'] },
      noiCuTru: { type: 'string', 'x-prefill': 'permanentAddress.text' },
      chuHo: { type: 'string', 'x-prefill': 'householdHead.fullName' },
      ghiChu: { type: 'string' },
    },
  };

  it('fills every x-prefill property from its path, turning M/F into Nam/Nữ', () => {
    expect(
      prefillForm(schema, {
        fullName: 'Trần Văn Hưng'.normalize('NFD'),
        idNumber: '092058004321',
        dateOfBirth: '1958-11-02',
        sex: 'M',
        permanentAddress: { text: 'Ấp Trường Thạnh, xã Thới Lai, thành phố Cần Thơ' },
      }),
    ).toEqual({
      hoTen: 'Trần Văn Hưng',
      soDinhDanh: '092058004321',
      ngaySinh: '1958-11-02',
      gioiTinh: 'Nam',
      noiCuTru: 'Ấp Trường Thạnh, xã Thới Lai, thành phố Cần Thơ',
    });
  });

  it('leaves out values the field would refuse', () => {
    expect(prefillForm(schema, { idNumber: '12345', dateOfBirth: '1942', sex: 'X' })).toEqual({});
  });
});
