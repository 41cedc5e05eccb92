import type { z } from 'zod';
import type { ErrorInfo } from '../errors';
import type { ipcContract, ipcEvents } from './contract';

export type IpcContract = typeof ipcContract;
export type IpcDomain = keyof IpcContract;
export type IpcEvents = typeof ipcEvents;
export type IpcEventName = keyof IpcEvents;

type Entry = { channel: string; request: z.ZodType; response: z.ZodType };

/** What crosses the wire for every call: a value or a `{ code, message }`, never a stack. */
export type IpcResult<T> = { ok: true; value: T } | { ok: false; error: ErrorInfo };

export type RequestOf<E extends Entry> = z.input<E['request']>;
export type ResponseOf<E extends Entry> = z.output<E['response']>;

/**
 * The API the renderer sees as `window.kiosk`: named functions, one per channel. They resolve to
 * the result envelope (never reject on a handled error) because contextBridge drops the fields of
 * Error objects; renderer/bridge unwraps it.
 */
export type KioskApi = {
  readonly [D in IpcDomain]: {
    readonly [F in keyof IpcContract[D]]: IpcContract[D][F] extends Entry
      ? (request: RequestOf<IpcContract[D][F]>) => Promise<IpcResult<ResponseOf<IpcContract[D][F]>>>
      : never;
  };
} & {
  readonly on: {
    readonly [E in IpcEventName]: (
      listener: (payload: z.output<IpcEvents[E]['payload']>) => void,
    ) => () => void;
  };
};

/** Who is calling: the transport and a stable id of the sender (webContents id / socket id). */
export interface IpcContext {
  readonly transport: 'electron' | 'web';
  readonly senderId: string;
}

/** Main-side handler table, same shape as the contract; transport-agnostic. */
export type IpcHandlers = {
  readonly [D in IpcDomain]: {
    readonly [F in keyof IpcContract[D]]: IpcContract[D][F] extends Entry
      ? (
          request: z.output<IpcContract[D][F]['request']>,
          ctx: IpcContext,
        ) => Promise<z.input<IpcContract[D][F]['response']>>
      : never;
  };
};

export type EventPayload<E extends IpcEventName> = z.output<IpcEvents[E]['payload']>;
