import { z } from 'zod';
import { AppError, toErrorInfo } from '../../common/errors';
import { channelEntries } from '../../common/ipc/channels';
import type { IpcContext, IpcHandlers, IpcResult } from '../../common/ipc/types';
import type { Logger } from '../services/log/logger';

export type Dispatch = (
  channel: string,
  payload: unknown,
  ctx: IpcContext,
) => Promise<IpcResult<unknown>>;

type AnyHandler = (request: unknown, ctx: IpcContext) => Promise<unknown>;

/**
 * Turns the handler table into one transport-agnostic function. Every payload is validated with
 * the contract's zod schema before a handler sees it, every response before the renderer sees it;
 * errors leave as `{ code, message }`, never as a stack.
 */
export function createDispatcher(handlers: IpcHandlers, log: Logger): Dispatch {
  const table = new Map(
    channelEntries.map((e) => {
      const domain = handlers[e.domain as keyof IpcHandlers] as Record<string, AnyHandler>;
      const handler = domain[e.name];
      if (!handler) throw new Error(`No handler for ${e.channel}`);
      return [e.channel, { ...e, handler }] as const;
    }),
  );

  return async (channel, payload, ctx) => {
    const entry = table.get(channel);
    if (!entry) {
      log.warn('unknown IPC channel', { channel: String(channel).slice(0, 64) });
      return fail(
        new AppError('IPC_UNKNOWN_CHANNEL', `Unknown channel ${String(channel).slice(0, 64)}`),
      );
    }
    const request = entry.request.safeParse(payload);
    if (!request.success) {
      log.warn('invalid IPC payload', { channel });
      return fail(
        new AppError('IPC_INVALID_PAYLOAD', `${channel}: ${z.prettifyError(request.error)}`),
      );
    }
    let value: unknown;
    try {
      value = await entry.handler(request.data, ctx);
    } catch (err) {
      if (!(err instanceof AppError)) {
        log.error('IPC handler failed', {
          channel,
          error: err instanceof Error ? (err.stack ?? err.message) : String(err),
        });
      }
      return { ok: false, error: toErrorInfo(err) };
    }
    const response = entry.response.safeParse(value);
    if (!response.success) {
      log.error('IPC handler returned an invalid response', {
        channel,
        issues: z.prettifyError(response.error),
      });
      return fail(new AppError('IPC_INVALID_RESPONSE', `${channel}: invalid response`));
    }
    return { ok: true, value: response.data };
  };
}

function fail(err: AppError): IpcResult<never> {
  return { ok: false, error: err.toInfo() };
}
