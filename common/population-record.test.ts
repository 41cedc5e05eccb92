import { describe, expect, it } from 'vitest';
import { compareCardWithPopulation, type PopulationRecord } from './population-record.js';

const record: PopulationRecord = {
  idNumber: '092185001234',
  fullName: 'Nguyễn Thị Thu Hà',
  familyName: 'Nguyễn',
  middleName: 'Thị Thu',
  givenName: 'Hà',
  dateOfBirth: '1985-03-14',
  sex: 'F',
  nationality: 'Việt Nam',
  permanentAddress: {
    country: 'Việt Nam',
    text: 'Số 12, đường 30 Tháng 4, phường Ninh Kiều, thành phố Cần Thơ',
  },
  father: { fullName: 'Nguyễn Văn Dũng' },
  lookupId: 'r1',
  retrievedAt: '2026-11-28T01:00:00Z',
};

describe('compareCardWithPopulation', () => {
  it('ignores case, spacing and NFC/NFD differences', () => {
    expect(
      compareCardWithPopulation(
        {
          fullName: 'NGUYỄN  THỊ THU HÀ'.normalize('NFD'),
          dateOfBirth: '1985-03-14',
          sex: 'F',
          placeOfResidence: 'Số 12, Đường 30 Tháng 4, Phường Ninh Kiều, Thành phố Cần Thơ',
        },
        record,
      ),
    ).toEqual([]);
  });

  it('reports each differing field with both values, and skips fields one side lacks', () => {
    expect(
      compareCardWithPopulation(
        {
          fullName: 'Nguyễn Thị Thu Hà',
          dateOfBirth: '1985-03-15',
          sex: 'F',
          fatherName: 'Nguyễn Văn Dung',
          motherName: 'Trần Thị Lệ',
        },
        record,
      ),
    ).toEqual([
      { field: 'dateOfBirth', card: '1985-03-15', population: '1985-03-14' },
      // Diacritics matter in names: Dung and Dũng are different people.
      { field: 'fatherName', card: 'Nguyễn Văn Dung', population: 'Nguyễn Văn Dũng' },
    ]);
  });
});
