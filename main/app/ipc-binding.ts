import { ipcMain, webContents, type WebFrameMain } from 'electron';
import { channelEntries } from '../../common/ipc/channels';
import { AppError } from '../../common/errors';
import type { Dispatch } from '../ipc/dispatcher';
import type { EventHub } from '../ipc/event-hub';
import type { Logger } from '../services/log/logger';
import { APP_ORIGIN } from './app-protocol';

/** Only frames of our own page may call IPC (GitHub Desktop / Electron checklist #17). */
export function isTrustedSender(frame: WebFrameMain | null): boolean {
  if (!frame) return false;
  try {
    return new URL(frame.url).origin === APP_ORIGIN;
  } catch {
    return false;
  }
}

/** Binds the transport-agnostic dispatcher to ipcMain, and the event hub to our windows. */
export function bindIpc(dispatch: Dispatch, events: EventHub, log: Logger): () => void {
  for (const { channel } of channelEntries) {
    ipcMain.handle(channel, (event, payload: unknown) => {
      if (!isTrustedSender(event.senderFrame)) {
        log.warn('IPC from untrusted sender refused', {
          channel,
          url: event.senderFrame?.url ?? null,
        });
        return { ok: false, error: new AppError('IPC_FORBIDDEN', 'Untrusted sender').toInfo() };
      }
      return dispatch(channel, payload, {
        transport: 'electron',
        senderId: `wc-${event.sender.id}`,
      });
    });
  }
  const unsubscribe = events.subscribe((channel, payload) => {
    for (const wc of webContents.getAllWebContents()) {
      if (!wc.isDestroyed() && isTrustedSender(wc.mainFrame)) wc.send(channel, payload);
    }
  });
  return () => {
    unsubscribe();
    for (const { channel } of channelEntries) ipcMain.removeHandler(channel);
  };
}
