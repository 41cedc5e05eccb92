import path from 'node:path';
import { AppError } from '../../common/errors';
import { settingsViewSchema } from '../../common/settings';
import type { IpcHandlers } from '../../common/ipc/types';
import { appStateOf, type AppServices } from './app-services';
import { createIdentityHandlers } from './identity-handlers';
import { createIntakeHandlers } from './intake-handlers';
import { createProcedureHandlers } from './procedure-handlers';
import { createQueueHandlers } from './queue-handlers';

/** The handler table: one entry per contract channel; no transport, no electron. */
export function createIpcHandlers(services: AppServices): IpcHandlers {
  const { settings, auth, session } = services;
  const settingsView = () => {
    return {
      settings: settingsViewSchema.parse(settings.get()),
      problem: settings.problem,
      pinIsDefault: auth.pinIsDefault,
      secretsSet: {
        cityClientSecret: settings.get().secrets.cityClientSecret !== null,
        queuePostgresUrl: settings.get().secrets.queuePostgresUrl !== null,
      },
    };
  };

  const queueHandlers = createQueueHandlers(services);
  const { identity, devices, ...demoCards } = createIdentityHandlers(services);
  return {
    ...queueHandlers,
    demo: { ...queueHandlers.demo, ...demoCards },
    identity,
    devices,
    ...createProcedureHandlers(() => services.city()),
    ...createIntakeHandlers(services),
    app: {
      getState: () => Promise.resolve(appStateOf(services)),
    },
    session: {
      reset: async ({ reason }) => ({ resetAt: await session.reset(reason) }),
    },
    setup: {
      unlock: ({ pin }, ctx) => auth.unlock(pin, ctx.senderId),
      lock: (_req, ctx) => {
        auth.lock(ctx.senderId);
        return Promise.resolve({});
      },
      changePin: async ({ currentPin, newPin }, ctx) => {
        await auth.changePin(ctx.senderId, currentPin, newPin);
        return {};
      },
    },
    settings: {
      get: (_req, ctx) => {
        auth.require(ctx.senderId);
        return Promise.resolve(settingsView());
      },
      update: ({ patch }, ctx) => {
        auth.require(ctx.senderId);
        settings.update(patch);
        return Promise.resolve(settingsView());
      },
      setSecret: ({ name, value }, ctx) => {
        auth.require(ctx.senderId);
        services.setSecret(name, value);
        return Promise.resolve(settingsView());
      },
    },
    logs: {
      recent: ({ limit }, ctx) => {
        auth.require(ctx.senderId);
        return Promise.resolve({ lines: services.logs.recent(limit) });
      },
      export: ({ folder }, ctx) => {
        auth.require(ctx.senderId);
        if (!path.isAbsolute(folder)) {
          throw new AppError('INVALID_INPUT', 'Export folder must be an absolute path');
        }
        try {
          return Promise.resolve({ folder, files: services.logs.exportTo(folder) });
        } catch (err) {
          throw new AppError('LOG_EXPORT_FAILED', `Cannot write to ${folder}`, { cause: err });
        }
      },
    },
    city: {
      health: (_req, ctx) => {
        auth.require(ctx.senderId);
        return services.cityHealth();
      },
    },
  };
}
