import { ipcEvents } from '../../common/ipc/contract';
import type { EventPayload, IpcEventName } from '../../common/ipc/types';

export type EventSink = (channel: string, payload: unknown) => void;

/** Main → renderer events; each binding (ipcMain, WebSocket) subscribes a sink. */
export class EventHub {
  private readonly sinks = new Set<EventSink>();

  emit<E extends IpcEventName>(name: E, payload: EventPayload<E>): void {
    const { channel, payload: schema } = ipcEvents[name];
    const checked = schema.parse(payload);
    for (const sink of this.sinks) sink(channel, checked);
  }

  subscribe(sink: EventSink): () => void {
    this.sinks.add(sink);
    return () => this.sinks.delete(sink);
  }
}
