/**
 * EF.CardAccess of a CCCD (research §1.6): TerminalAuthenticationInfo v1,
 * ChipAuthenticationInfo ECDH-AES-128 v1, PACEInfo ECDH-GM-AES-CBC-CMAC-128 v2 parameter 13.
 */
export const CCCD_CARD_ACCESS_BYTES = Uint8Array.from(
  Buffer.from(
    '3134' +
      '300d060804007f0007020202020101' +
      '300f060a04007f00070202030202020101' +
      '3012060a04007f00070202040202020102' +
      '02010d',
    'hex',
  ),
);
