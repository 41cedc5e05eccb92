import { cardError } from '../card-error';

/** ISO/IEC 9797-1 padding method 2: append 80, then 00 up to a multiple of the block size. */
export function pad(data: Uint8Array, blockSize: number): Uint8Array {
  const total = (Math.floor(data.length / blockSize) + 1) * blockSize;
  const out = new Uint8Array(total);
  out.set(data);
  out[data.length] = 0x80;
  return out;
}

/** Removes ISO/IEC 9797-1 method-2 padding; throws CARD_PROTOCOL when the padding is malformed. */
export function unpad(data: Uint8Array): Uint8Array {
  let i = data.length - 1;
  while (i >= 0 && data[i] === 0x00) i--;
  if (i < 0 || data[i] !== 0x80) {
    // No dump: this is decrypted (possibly personal) data.
    throw cardError(
      'CARD_PROTOCOL',
      `Invalid ISO 9797-1 padding in ${data.length} decrypted bytes`,
    );
  }
  return data.slice(0, i);
}
