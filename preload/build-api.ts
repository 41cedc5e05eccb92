import { channelEntries, eventEntries } from '../common/ipc/channels';
import type { IpcResult, KioskApi } from '../common/ipc/types';

export type Invoke = (channel: string, payload: unknown) => Promise<IpcResult<unknown>>;
export type Subscribe = (channel: string, listener: (payload: unknown) => void) => () => void;

/**
 * Builds `window.kiosk` from the contract: one named function per channel, one `on.<event>` per
 * event. The same builder serves Electron's preload and the browser harness's bridge.
 */
export function buildKioskApi(invoke: Invoke, subscribe: Subscribe): KioskApi {
  const api: Record<string, Record<string, unknown>> = { on: {} };
  for (const { domain, name, channel } of channelEntries) {
    api[domain] ??= {};
    api[domain][name] = (payload: unknown) => invoke(channel, payload ?? {});
  }
  for (const { name, channel } of eventEntries) {
    (api.on as Record<string, unknown>)[name] = (listener: (payload: unknown) => void) =>
      subscribe(channel, listener);
  }
  return api as unknown as KioskApi;
}
