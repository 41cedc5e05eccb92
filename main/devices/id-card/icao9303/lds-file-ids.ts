/** File identifiers of the eMRTD application and the MF (ICAO 9303-10 §3.11, research §2.3). */
export const LDS_FILE_IDS = {
  COM: 0x011e,
  DG1: 0x0101,
  DG2: 0x0102,
  DG3: 0x0103,
  DG13: 0x010d,
  DG14: 0x010e,
  DG15: 0x010f,
  SOD: 0x011d,
  CARD_ACCESS: 0x011c,
} as const;

/** The files the kiosk reads from a CCCD. */
export const LDS_FILE_NAMES = ['COM', 'DG1', 'DG2', 'DG13', 'DG14', 'DG15', 'SOD'] as const;
export type LdsFileName = (typeof LDS_FILE_NAMES)[number];

/** eMRTD application identifier (ICAO 9303-10 §3.11.3.1). */
export const EMRTD_AID = Uint8Array.of(0xa0, 0x00, 0x00, 0x02, 0x47, 0x10, 0x01);
