import fs from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { SecretStore } from '../services/settings/secret-store';
import { DossierKeyFile } from './dossier-key-file';
import { KeyFileSecretStore } from './key-file-secret-store';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});
function tempDir(): string {
  const d = fs.mkdtempSync(path.join(tmpdir(), 'motcua-keys-'));
  dirs.push(d);
  return d;
}

describe('DossierKeyFile', () => {
  it('creates a 32-byte key per name, 0600, and gives the same key on the next start', async () => {
    const dir = path.join(tempDir(), 'keys');
    const a = await new DossierKeyFile({ dir }).key('dossier-data');
    const salt = await new DossierKeyFile({ dir }).key('audit-id-salt');
    expect(a).toHaveLength(32);
    expect(Buffer.from(salt).equals(Buffer.from(a))).toBe(false);
    expect(Buffer.from(await new DossierKeyFile({ dir }).key('dossier-data'))).toEqual(
      Buffer.from(a),
    );
    const file = path.join(dir, 'dossier-data.key');
    expect(fs.readFileSync(file)).toEqual(Buffer.from(a));
    if (process.platform !== 'win32') expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.readdirSync(dir).sort()).toEqual(['audit-id-salt.key', 'dossier-data.key']);
  });

  it('two providers racing on one folder agree on one key', async () => {
    const dir = path.join(tempDir(), 'keys');
    const keys = await Promise.all(
      Array.from({ length: 8 }, () => new DossierKeyFile({ dir }).key('dossier-data')),
    );
    for (const k of keys) expect(Buffer.from(k)).toEqual(Buffer.from(keys[0] ?? []));
    expect(fs.readdirSync(dir)).toEqual(['dossier-data.key']);
  });

  it('seals the key with a SecretStore (safeStorage in Electron) and refuses a foreign seal', async () => {
    const root = tempDir();
    const dir = path.join(root, 'keys');
    const sealer: SecretStore = new KeyFileSecretStore(path.join(root, 'machine.key'));
    const key = await new DossierKeyFile({ dir, sealer }).key('dossier-data');
    const onDisk = fs.readFileSync(path.join(dir, 'dossier-data.key'));
    expect(onDisk.toString('utf8')).toMatch(/^key-file:/);
    expect(onDisk.includes(Buffer.from(key))).toBe(false);
    expect(Buffer.from(await new DossierKeyFile({ dir, sealer }).key('dossier-data'))).toEqual(
      Buffer.from(key),
    );
    const otherMachine = new KeyFileSecretStore(path.join(tempDir(), 'other.key'));
    await expect(
      new DossierKeyFile({ dir, sealer: otherMachine }).key('dossier-data'),
    ).rejects.toMatchObject({ code: 'SECRET_KEY_UNAVAILABLE' });
  });

  it('refuses a truncated key file with SECRET_KEY_UNAVAILABLE', async () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'dossier-data.key'), Buffer.alloc(7));
    await expect(new DossierKeyFile({ dir }).key('dossier-data')).rejects.toMatchObject({
      code: 'SECRET_KEY_UNAVAILABLE',
    });
  });
});
