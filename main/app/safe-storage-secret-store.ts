import { safeStorage } from 'electron';
import { AppError } from '../../common/errors';
import type { SecretStore } from '../services/settings/secret-store';

/** Secrets sealed by the OS keystore (DPAPI on Windows, libsecret/kwallet on Linux). */
export class SafeStorageSecretStore implements SecretStore {
  readonly kind = 'safe-storage';

  static available(): boolean {
    return safeStorage.isEncryptionAvailable();
  }

  encrypt(plain: string): string {
    return safeStorage.encryptString(plain).toString('base64');
  }

  decrypt(sealed: string): string {
    try {
      return safeStorage.decryptString(Buffer.from(sealed, 'base64'));
    } catch (err) {
      throw new AppError('INTERNAL', 'Secret cannot be decrypted on this machine', { cause: err });
    }
  }
}
