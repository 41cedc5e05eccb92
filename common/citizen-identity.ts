/** What the kiosk knows about a citizen after reading the chip of a CCCD / thẻ căn cước. */
export type Sex = 'M' | 'F' | 'X';

export type PassiveAuthStatus = 'verified' | 'untrusted-ca' | 'failed';

export interface PassiveAuthResult {
  readonly status: PassiveAuthStatus;
  /** Technician-facing detail: which check failed, which CSCA matched. */
  readonly detail: string;
}

export interface CitizenIdentity {
  /** 12-digit personal identification number (số định danh cá nhân). */
  readonly idNumber: string;
  readonly fullName: string;
  /** yyyy-mm-dd */
  readonly dateOfBirth: string;
  readonly sex: Sex;
  readonly nationality: string;
  readonly ethnicity?: string;
  readonly religion?: string;
  readonly placeOfOrigin?: string;
  readonly placeOfResidence?: string;
  readonly identifyingMarks?: string;
  /** yyyy-mm-dd */
  readonly issueDate?: string;
  /** yyyy-mm-dd, or null when the card has no expiry ("Không thời hạn"). */
  readonly expiryDate: string | null;
  readonly fatherName?: string;
  readonly motherName?: string;
  readonly spouseName?: string;
  readonly oldIdNumber?: string;
  /** JPEG bytes from DG2. Never written to disk by the app. */
  readonly photo?: Uint8Array;
  readonly passiveAuth: PassiveAuthResult;
  readonly access: 'PACE' | 'BAC';
}
