import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { KeyFileSecretStore } from './key-file-secret-store';

describe('KeyFileSecretStore', () => {
  it('round-trips, keeps the key file private, and refuses tampered data', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'secrets-'));
    try {
      const keyFile = path.join(dir, 'secret.key');
      const store = new KeyFileSecretStore(keyFile);
      const sealed = store.encrypt('client-secret-Ư');
      expect(sealed).not.toContain('client-secret');
      expect(new KeyFileSecretStore(keyFile).decrypt(sealed)).toBe('client-secret-Ư');
      expect(fs.statSync(keyFile).mode & 0o777).toBe(0o600);
      const raw = Buffer.from(sealed, 'base64');
      raw[raw.length - 1] = (raw[raw.length - 1] ?? 0) ^ 1;
      expect(() => store.decrypt(raw.toString('base64'))).toThrow(/cannot be decrypted/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
