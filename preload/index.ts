import { contextBridge, ipcRenderer } from 'electron';
import type { IpcResult } from '../common/ipc/types';
import { buildKioskApi } from './build-api';

// The only renderer-side file that touches ipcRenderer. It exposes named functions only.
const api = buildKioskApi(
  (channel, payload) => ipcRenderer.invoke(channel, payload) as Promise<IpcResult<unknown>>,
  (channel, listener) => {
    const wrapped = (_event: unknown, payload: unknown) => listener(payload);
    ipcRenderer.on(channel, wrapped);
    return () => {
      ipcRenderer.removeListener(channel, wrapped);
    };
  },
);

contextBridge.exposeInMainWorld('kiosk', api);
