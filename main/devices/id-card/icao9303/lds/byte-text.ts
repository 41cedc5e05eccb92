/** Bytes → string, one character per byte (ASCII / ISO 8859-1); safe for any length. */
export function byteString(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 4096) {
    s += String.fromCharCode(...bytes.subarray(i, i + 4096));
  }
  return s;
}
