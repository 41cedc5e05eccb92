import { openSync, readSync, writeSync, closeSync, existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SOCAT_MISSING_MESSAGE, createPtyPair, isSocatAvailable } from './create-pty-pair.js';

const socat = isSocatAvailable();
if (!socat) console.warn(SOCAT_MISSING_MESSAGE);

describe.skipIf(!socat)('createPtyPair', () => {
  it('links two ptys: bytes written to one are read from the other', async () => {
    const pair = await createPtyPair();
    try {
      expect(pair.a).toMatch(/^\/dev\/pts\/\d+$/);
      expect(pair.b).toMatch(/^\/dev\/pts\/\d+$/);
      expect(pair.a).not.toBe(pair.b);
      const fa = openSync(pair.a, 'r+');
      const fb = openSync(pair.b, 'r+');
      writeSync(fa, Buffer.from([0x00, 0x00, 0xff, 0x0d, 0x0a]));
      const buf = Buffer.alloc(16);
      let got = 0;
      while (got < 5) got += readSync(fb, buf, got, 16 - got, null);
      expect([...buf.subarray(0, got)]).toEqual([0x00, 0x00, 0xff, 0x0d, 0x0a]);
      closeSync(fa);
      closeSync(fb);
    } finally {
      await pair.close();
    }
  });

  it('close() kills socat and removes the ptys', async () => {
    const pair = await createPtyPair();
    await pair.close();
    await pair.close();
    expect(existsSync(pair.a)).toBe(false);
    expect(() => process.kill(pair.pid, 0)).toThrow();
  });
});
