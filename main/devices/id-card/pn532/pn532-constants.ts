/**
 * PN532 host-interface constants. Sources: NXP UM0701-02 (PN532 User Manual) §6.2 (frames),
 * §7 (commands), Table 7 (status error codes); cross-checked with libnfc `pn53x.c` /
 * `pn53x-internal.h` and nfcpy `clf/pn532.py`.
 */

/** Frame identifier: host → PN532 (UM0701-02 §6.2.1.1). */
export const TFI_HOST_TO_PN532 = 0xd4;
/** Frame identifier: PN532 → host. */
export const TFI_PN532_TO_HOST = 0xd5;
/** TFI of the application-level error frame (UM0701-02 §6.2.1.5). */
export const TFI_ERROR = 0x7f;

export const PREAMBLE = 0x00;
export const START_CODE = [0x00, 0xff] as const;
export const POSTAMBLE = 0x00;

/** ACK frame (UM0701-02 §6.2.1.3); the host also sends it to abort a running command. */
export const ACK_FRAME = Uint8Array.of(0x00, 0x00, 0xff, 0x00, 0xff, 0x00);
/** NACK frame (UM0701-02 §6.2.1.4): asks the PN532 to send its last response again. */
export const NACK_FRAME = Uint8Array.of(0x00, 0x00, 0xff, 0xff, 0x00, 0x00);
/** Syntax error frame (UM0701-02 §6.2.1.5). */
export const ERROR_FRAME = Uint8Array.of(0x00, 0x00, 0xff, 0x01, 0xff, 0x7f, 0x81, 0x00);

/**
 * HSU wake-up (UM0701-02 §6.3.2.3; libnfc `pn532_uart_wakeup`): 0x55 0x55 then zeros long
 * enough for the PN532 to leave power-down before the next frame.
 */
export const WAKEUP_BYTES = Uint8Array.of(
  0x55,
  0x55,
  0x00,
  0x00,
  0x00,
  0x00,
  0x00,
  0x00,
  0x00,
  0x00,
  0x00,
  0x00,
  0x00,
  0x00,
  0x00,
  0x00,
);

/** Largest LEN of a normal frame (TFI + data ≤ 255). */
export const NORMAL_FRAME_MAX_LEN = 0xff;
/** Largest LEN of an extended frame: TFI + 264 data bytes (libnfc PN53x_EXTENDED_FRAME__DATA_MAX_LEN). */
export const EXTENDED_FRAME_MAX_LEN = 265;
/** Largest InDataExchange payload the PN532 buffers in one exchange (UM0701-02 §7.3.8). */
export const DATA_EXCHANGE_MAX_DATA = 262;

/** Command codes (UM0701-02 §7); the response code is command + 1. */
export const Pn532Command = {
  GetFirmwareVersion: 0x02,
  GetGeneralStatus: 0x04,
  SetParameters: 0x12,
  SAMConfiguration: 0x14,
  RFConfiguration: 0x32,
  InDataExchange: 0x40,
  InListPassiveTarget: 0x4a,
  InRelease: 0x52,
} as const;
export type Pn532CommandCode = (typeof Pn532Command)[keyof typeof Pn532Command];

/** InListPassiveTarget BrTy (UM0701-02 §7.3.5). */
export const BRTY_106_TYPE_A = 0x00;
export const BRTY_106_TYPE_B = 0x03;

/** SAMConfiguration mode 0x01: normal mode, the SAM is not used (UM0701-02 §7.2.10). */
export const SAM_MODE_NORMAL = 0x01;

/** RFConfiguration items (UM0701-02 §7.3.1). */
export const RfConfigItem = {
  RfField: 0x01,
  VariousTimings: 0x02,
  MaxRtyCom: 0x04,
  MaxRetries: 0x05,
} as const;

/** SetParameters flags (UM0701-02 §7.2.9). */
export const PARAM_AUTO_ATR_RES = 0x04;
export const PARAM_AUTO_RATS = 0x10;

/** InDataExchange status byte: bit 6 MI ("more information", chaining), bits 0-5 error code. */
export const STATUS_MI = 0x40;
export const STATUS_NAD = 0x80;
export const STATUS_ERROR_MASK = 0x3f;

/** GetFirmwareVersion IC byte of a PN532, and Support bit for ISO/IEC 14443 type B. */
export const IC_PN532 = 0x32;
export const SUPPORT_ISO14443_B = 0x02;

/** SEL_RES bit meaning "compliant with ISO/IEC 14443-4" (ISO/IEC 14443-3 §6.4.3.4). */
export const SEL_RES_ISO14443_4 = 0x20;
