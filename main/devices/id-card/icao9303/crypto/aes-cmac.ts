import { aesCbcEncrypt, aesEcbEncrypt } from './block-ciphers';

const BLOCK = 16;
const RB = 0x87;

function shiftLeftOne(block: Uint8Array): Uint8Array {
  const out = new Uint8Array(BLOCK);
  for (let i = 0; i < BLOCK; i++) {
    out[i] = ((block[i] ?? 0) << 1) | ((block[i + 1] ?? 0) >>> 7);
  }
  return out;
}

function subkey(block: Uint8Array): Uint8Array {
  const shifted = shiftLeftOne(block);
  if (((block[0] ?? 0) & 0x80) !== 0) shifted[BLOCK - 1] = (shifted[BLOCK - 1] ?? 0) ^ RB;
  return shifted;
}

/** AES-CMAC (NIST SP 800-38B / RFC 4493). Returns the full 16-byte tag. */
export function aesCmac(key: Uint8Array, data: Uint8Array): Uint8Array {
  const l = aesEcbEncrypt(key, new Uint8Array(BLOCK));
  const k1 = subkey(l);
  const k2 = subkey(k1);
  const blocks = Math.max(1, Math.ceil(data.length / BLOCK));
  const complete = data.length > 0 && data.length % BLOCK === 0;
  const message = new Uint8Array(blocks * BLOCK);
  message.set(data);
  if (!complete) message[data.length] = 0x80;
  const k = complete ? k1 : k2;
  const lastStart = (blocks - 1) * BLOCK;
  for (let i = 0; i < BLOCK; i++) {
    message[lastStart + i] = (message[lastStart + i] ?? 0) ^ (k[i] ?? 0);
  }
  const chained = aesCbcEncrypt(key, new Uint8Array(BLOCK), message);
  return chained.slice(chained.length - BLOCK);
}
