import type { IpcResult, KioskApi } from '../../common/ipc/types';

declare global {
  interface Window {
    readonly kiosk?: KioskApi;
  }
}

/** An error from main, carrying the stable code the UI translates (renderer/i18n). */
export class BridgeError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'BridgeError';
  }
}

/** The only code that touches `window.kiosk` (preload in Electron, web-bridge in the harness). */
export function kiosk(): KioskApi {
  const api = window.kiosk;
  if (!api) throw new BridgeError('IPC_TRANSPORT', 'window.kiosk is missing');
  return api;
}

/** Resolves the value of an IPC call, or throws a BridgeError with its code. */
export async function unwrap<T>(call: Promise<IpcResult<T>>): Promise<T> {
  const result = await call;
  if (result.ok) return result.value;
  throw new BridgeError(result.error.code, result.error.message);
}

export function errorCodeOf(err: unknown): string {
  return err instanceof BridgeError ? err.code : 'INTERNAL';
}
