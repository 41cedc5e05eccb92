/**
 * Fictional citizens whose cards the CCCD chip simulator carries. Every one of them also exists in
 * the city-system simulator's population data, so a demo read can be prefilled. Entirely
 * synthetic: these people, numbers and addresses do not exist (numbers use the 0xx-9 pattern of
 * Cần Thơ, 092, but serials are made up).
 */
export interface CardCitizen {
  readonly profileId: string;
  readonly idNumber: string;
  readonly oldIdNumber?: string;
  readonly fullName: string;
  /** yyyy-mm-dd */
  readonly dateOfBirth: string;
  readonly sex: 'M' | 'F';
  readonly nationality: 'Việt Nam';
  readonly ethnicity: string;
  readonly religion: string;
  readonly placeOfOrigin: string;
  readonly placeOfResidence: string;
  readonly identifyingMarks: string;
  /** yyyy-mm-dd */
  readonly issueDate: string;
  /** yyyy-mm-dd, or null for "Không thời hạn". */
  readonly expiryDate: string | null;
  readonly fatherName: string;
  readonly motherName: string;
  readonly spouseName?: string;
}

export const CARD_CITIZENS: readonly CardCitizen[] = [
  {
    profileId: 'thu-ha',
    idNumber: '092185001234',
    oldIdNumber: '361234567',
    fullName: 'Nguyễn Thị Thu Hà',
    dateOfBirth: '1985-03-14',
    sex: 'F',
    nationality: 'Việt Nam',
    ethnicity: 'Kinh',
    religion: 'Không',
    placeOfOrigin: 'Xã Phong Điền, thành phố Cần Thơ',
    placeOfResidence: 'Số 12, đường 30 Tháng 4, phường Ninh Kiều, thành phố Cần Thơ',
    identifyingMarks: 'Nốt ruồi C:1cm dưới trước mép phải',
    issueDate: '2021-04-10',
    expiryDate: '2025-03-14',
    fatherName: 'Nguyễn Văn Dũng',
    motherName: 'Trần Thị Lệ',
    spouseName: 'Lê Hoàng Phúc',
  },
  {
    profileId: 'van-hung',
    idNumber: '092058004321',
    fullName: 'Trần Văn Hưng',
    dateOfBirth: '1958-11-02',
    sex: 'M',
    nationality: 'Việt Nam',
    ethnicity: 'Kinh',
    religion: 'Phật giáo',
    placeOfOrigin: 'Xã Thới Lai, thành phố Cần Thơ',
    placeOfResidence: 'Ấp Trường Thạnh, xã Thới Lai, thành phố Cần Thơ',
    identifyingMarks: 'Sẹo chấm C:2cm trên sau đuôi mắt trái',
    issueDate: '2021-06-21',
    expiryDate: null,
    fatherName: 'Trần Văn Út',
    motherName: 'Võ Thị Bảy',
    spouseName: 'Phạm Thị Hồng',
  },
  {
    profileId: 'minh-khoa',
    idNumber: '092203007788',
    fullName: 'Lâm Minh Khoa',
    dateOfBirth: '2003-07-25',
    sex: 'M',
    nationality: 'Việt Nam',
    ethnicity: 'Khmer',
    religion: 'Phật giáo Hòa Hảo',
    placeOfOrigin: 'Phường Cái Răng, thành phố Cần Thơ',
    placeOfResidence: 'Số 45/7, hẻm 91, đường Trần Hưng Đạo, phường Ninh Kiều, thành phố Cần Thơ',
    identifyingMarks: 'Nốt ruồi C:0,5cm trên trước lông mày phải',
    issueDate: '2024-08-05',
    expiryDate: '2028-07-25',
    fatherName: 'Lâm Văn Sơn',
    motherName: 'Thạch Thị Sa Rây',
  },
  {
    profileId: 'ngoc-anh',
    idNumber: '092196002468',
    fullName: 'Phạm Ngọc Ánh',
    dateOfBirth: '1996-12-09',
    sex: 'F',
    nationality: 'Việt Nam',
    ethnicity: 'Hoa',
    religion: 'Công giáo',
    placeOfOrigin: 'Phường Bình Thủy, thành phố Cần Thơ',
    placeOfResidence: 'Số 8, đường Mậu Thân, phường Tân An, thành phố Cần Thơ',
    identifyingMarks: 'Sẹo chấm C:1cm dưới cằm',
    issueDate: '2022-01-18',
    expiryDate: '2036-12-09',
    fatherName: 'Phạm Quốc Bảo',
    motherName: 'Huỳnh Thị Mai',
    spouseName: 'Đặng Minh Trí',
  },
];
