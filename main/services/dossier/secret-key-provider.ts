/**
 * Supplies the installation's symmetric keys (port). Adapters: a 0600 key file in Node
 * (main/platform/dossier-key-file.ts); in Electron the same file sealed with safeStorage (pass a
 * `SecretStore` to `DossierKeyFile`). Keys never leave main and are never logged.
 */
export type SecretKeyName =
  /** AES-256-GCM key for dossier personal data and attachments at rest. */
  | 'dossier-data'
  /** HMAC-SHA-256 salt for ID numbers in the audit log. */
  | 'audit-id-salt';

export interface SecretKeyProvider {
  /**
   * The 32-byte key for `name`: created at first use, the same on every later start of this
   * installation. Rejects with SECRET_KEY_UNAVAILABLE when it cannot be read or created.
   */
  key(name: SecretKeyName): Promise<Uint8Array>;
}

export const SECRET_KEY_BYTES = 32;
