/** Sets each byte's least significant bit so that the byte has odd parity (DES key convention). */
export function adjustDesParity(key: Uint8Array): Uint8Array {
  const out = new Uint8Array(key.length);
  for (let i = 0; i < key.length; i++) {
    const b = (key[i] ?? 0) & 0xfe;
    let ones = 0;
    for (let v = b; v !== 0; v >>>= 1) ones += v & 1;
    out[i] = ones % 2 === 0 ? b | 1 : b;
  }
  return out;
}
