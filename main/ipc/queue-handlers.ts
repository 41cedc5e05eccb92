import path from 'node:path';
import { AppError } from '../../common/errors';
import type { IpcHandlers } from '../../common/ipc/types';
import type { AppServices } from './app-services';

/** Queue, printer and demo channels. */
export function createQueueHandlers(services: AppServices): Pick<
  IpcHandlers,
  'queue' | 'printer'
> & {
  demo: Pick<IpcHandlers['demo'], 'lastPrintout' | 'setPrinter'>;
} {
  const { desk, settings, auth } = services;
  const demo = () => {
    if (!services.demo) throw new AppError('IPC_FORBIDDEN', 'Only available in demo mode');
    return services.demo;
  };
  return {
    queue: {
      services: async () => ({ services: await desk.services() }),
      issueTicket: ({ serviceId, priority }) => desk.issue(serviceId, priority),
      counterView: () => desk.counterView(),
      act: async ({ action, ticketId }) => ({ ticket: await desk.act(action, ticketId) }),
      callTicket: async ({ ticketId }) => ({ ticket: await desk.callTicket(ticketId) }),
      transfer: async ({ ticketId, toServiceId, toCounterId }) => ({
        ticket: await desk.transfer(ticketId, {
          ...(toServiceId ? { toServiceId } : {}),
          ...(toCounterId ? { toCounterId } : {}),
        }),
      }),
      pause: async ({ reason }) => ({ status: await desk.pause(reason) }),
      resume: async () => ({ status: await desk.resume() }),
      reprint: ({ ticketId }) => desk.reprint(ticketId),
      position: ({ ticketId }) => desk.position(ticketId),
      report: ({ fromDay, toDay }, ctx) => {
        auth.require(ctx.senderId);
        return desk.report(fromDay, toDay);
      },
      exportReport: async ({ fromDay, toDay, folder }, ctx) => {
        auth.require(ctx.senderId);
        if (!path.isAbsolute(folder)) {
          throw new AppError('INVALID_INPUT', 'Export folder must be an absolute path');
        }
        return { files: await desk.exportReport(fromDay, toDay, folder) };
      },
      board: async () => {
        const { voice, recentCalls } = settings.get().display;
        return { ...(await desk.board(recentCalls)), voice };
      },
    },
    printer: {
      status: (_req, ctx) => {
        auth.require(ctx.senderId);
        return services.printer.status();
      },
      testPrint: (_req, ctx) => {
        auth.require(ctx.senderId);
        return services.printer.testPrint();
      },
      alerts: (_req, ctx) => {
        auth.require(ctx.senderId);
        return Promise.resolve({ alerts: services.alerts.list() });
      },
    },
    demo: {
      lastPrintout: () => {
        const out = demo().lastPrintout();
        return Promise.resolve(
          out ? { png: out.png.toString('base64'), text: out.text } : { png: null, text: null },
        );
      },
      setPrinter: ({ condition }) => {
        demo().setPrinter(condition);
        return Promise.resolve({});
      },
    },
  };
}
