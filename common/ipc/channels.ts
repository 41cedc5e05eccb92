import type { z } from 'zod';
import { ipcContract, ipcEvents } from './contract';
import type { IpcEventName } from './types';

export interface ChannelEntry {
  readonly domain: string;
  readonly name: string;
  readonly channel: string;
  readonly request: z.ZodType;
  readonly response: z.ZodType;
}

/** Flat list of every call channel, derived from the contract (used by both bindings). */
export const channelEntries: readonly ChannelEntry[] = Object.entries(ipcContract).flatMap(
  ([domain, fns]) =>
    Object.entries(fns as Record<string, Omit<ChannelEntry, 'domain' | 'name'>>).map(
      ([name, entry]) => ({ domain, name, ...entry }),
    ),
);

export const eventEntries: readonly { name: IpcEventName; channel: string }[] = (
  Object.keys(ipcEvents) as IpcEventName[]
).map((name) => ({ name, channel: ipcEvents[name].channel }));
