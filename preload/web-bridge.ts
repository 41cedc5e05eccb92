import type { IpcResult } from '../common/ipc/types';
import { buildKioskApi } from './build-api';

/**
 * The browser harness's stand-in for preload/index.ts: the same `window.kiosk`, built from the
 * same contract, carried over a WebSocket to the same main-process handler table.
 * Wire format: {id, channel, payload} → {id, result}; events {event: channel, payload}.
 */
const CALL_TIMEOUT_MS = 30_000;
const pending = new Map<number, (result: IpcResult<unknown>) => void>();
const listeners = new Map<string, Set<(payload: unknown) => void>>();
let nextId = 1;
let socket: WebSocket | null = null;
let opening: Promise<WebSocket> | null = null;

function connect(): Promise<WebSocket> {
  if (socket?.readyState === WebSocket.OPEN) return Promise.resolve(socket);
  opening ??= new Promise<WebSocket>((resolve, reject) => {
    const url = new URL('/ipc', location.href);
    url.protocol = location.protocol === 'https:' ? 'wss:' : 'ws:';
    const ws = new WebSocket(url);
    ws.onopen = () => {
      socket = ws;
      opening = null;
      resolve(ws);
    };
    ws.onerror = () => {
      opening = null;
      reject(new Error('harness socket failed'));
    };
    ws.onclose = () => {
      socket = null;
      for (const settle of pending.values()) {
        settle({ ok: false, error: { code: 'IPC_TRANSPORT', message: 'connection closed' } });
      }
      pending.clear();
      // Keep live updates flowing after a harness restart: reconnect while anyone listens.
      if (listeners.size > 0) setTimeout(() => void connect().catch(() => undefined), 1000);
    };
    ws.onmessage = (ev: MessageEvent<string>) => {
      const msg = JSON.parse(ev.data) as
        { id: number; result: IpcResult<unknown> } | { event: string; payload: unknown };
      if ('id' in msg) {
        pending.get(msg.id)?.(msg.result);
        pending.delete(msg.id);
      } else {
        for (const l of listeners.get(msg.event) ?? []) l(msg.payload);
      }
    };
  });
  return opening;
}

const api = buildKioskApi(
  async (channel, payload) => {
    let ws: WebSocket;
    try {
      ws = await connect();
    } catch {
      return { ok: false, error: { code: 'IPC_TRANSPORT', message: 'harness unreachable' } };
    }
    const id = nextId++;
    return new Promise<IpcResult<unknown>>((resolve) => {
      const timer = setTimeout(() => {
        pending.delete(id);
        resolve({ ok: false, error: { code: 'TIMEOUT', message: `${channel} timed out` } });
      }, CALL_TIMEOUT_MS);
      pending.set(id, (result) => {
        clearTimeout(timer);
        resolve(result);
      });
      ws.send(JSON.stringify({ id, channel, payload }));
    });
  },
  (channel, listener) => {
    let set = listeners.get(channel);
    if (!set) listeners.set(channel, (set = new Set()));
    set.add(listener);
    void connect().catch(() => undefined);
    return () => {
      set.delete(listener);
    };
  },
);

Object.defineProperty(window, 'kiosk', { value: Object.freeze(api), writable: false });
