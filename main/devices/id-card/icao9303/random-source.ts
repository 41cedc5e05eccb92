import { randomBytes } from 'node:crypto';

/** Source of random bytes; injectable so tests can replay the ICAO worked examples. */
export type RandomSource = (length: number) => Uint8Array;

export const secureRandom: RandomSource = (length) => new Uint8Array(randomBytes(length));
