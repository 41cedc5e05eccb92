/**
 * Encrypts small secrets (the city system's client secret) at rest: Electron safeStorage in the
 * app (main/app), an AES-256-GCM key file in Node (main/platform/key-file-secret-store.ts).
 */
export interface SecretStore {
  readonly kind: 'safe-storage' | 'key-file';
  encrypt(plain: string): string;
  decrypt(sealed: string): string;
}
