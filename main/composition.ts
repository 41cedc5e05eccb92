import path from 'node:path';
import { createDispatcher, type Dispatch } from './ipc/dispatcher';
import { EventHub } from './ipc/event-hub';
import { appStateOf, type AppServices, type CityHealth } from './ipc/app-services';
import { createIpcHandlers } from './ipc/handlers';
import type { Logger } from './services/log/logger';
import { exportLogs, RotatingFileLogger } from './services/log/rotating-file-logger';
import { SessionService } from './services/session/session-service';
import type { SecretStore } from './services/settings/secret-store';
import type { SettingsBackendFactory } from './services/settings/settings-backend';
import { SettingsService } from './services/settings/settings-service';
import { TechnicianAuth } from './services/settings/technician-auth';
import { startDemoEnvironment, type DemoEnvironment } from './demo/demo-environment';
import type { CityGateway } from './city/city-gateway';
import { HttpCityGateway } from './city/http-city-gateway';
import { AppError } from '../common/errors';

export interface ComposeOptions {
  readonly dataDir: string;
  readonly version: string;
  /** `--demo` on the command line: simulators on, whatever the setting says. */
  readonly demo: boolean;
  readonly settingsBackend: SettingsBackendFactory;
  readonly secrets: SecretStore;
  readonly echoLogs?: boolean;
}

export interface ComposedApp {
  readonly dispatch: Dispatch;
  readonly events: EventHub;
  readonly services: AppServices;
  readonly log: Logger;
  dispose(): Promise<void>;
}

/**
 * The one composition of settings → devices → services → ipc, shared by the Electron app
 * (main/index.ts) and the browser harness (main/web.ts), so both run the same stack.
 */
export async function composeApp(opts: ComposeOptions): Promise<ComposedApp> {
  const logger = new RotatingFileLogger({
    dir: path.join(opts.dataDir, 'logs'),
    maxBytes: 5 * 1024 * 1024,
    maxFiles: 5,
    echo: opts.echoLogs ?? false,
  });
  const log = logger.child('app');
  const settings = new SettingsService(opts.settingsBackend, logger.child('settings'));
  logger.configure(settings.get().logs);
  const auth = new TechnicianAuth(settings, logger.child('setup'));
  const session = new SessionService(logger.child('session'));
  const events = new EventHub();

  const demoOn = opts.demo || settings.get().demo;
  let demo: DemoEnvironment | null = null;
  if (demoOn) {
    demo = await startDemoEnvironment(logger.child('demo'));
    log.info('demo mode: simulators started', { city: demo.cityBaseUrl });
  }
  // One gateway (and OAuth token cache) per configuration; rebuilt when settings change.
  let gateway: CityGateway | null = null;
  const city = (): CityGateway => {
    if (gateway) return gateway;
    const s = settings.get();
    const sealed = s.secrets.cityClientSecret;
    gateway = demo
      ? new HttpCityGateway({
          ...demo.cityClient,
          baseUrl: demo.cityBaseUrl,
          timeoutMs: s.city.timeoutMs,
        })
      : new HttpCityGateway({
          baseUrl: s.city.baseUrl,
          clientId: s.city.clientId,
          ...(sealed ? { clientSecret: opts.secrets.decrypt(sealed) } : {}),
          timeoutMs: s.city.timeoutMs,
        });
    return gateway;
  };
  const cityBaseUrl = () => demo?.cityBaseUrl ?? settings.get().city.baseUrl;

  const services: AppServices = {
    version: opts.version,
    demoForced: opts.demo,
    settings,
    auth,
    session,
    logs: {
      recent: (limit) => logger.recent(limit),
      exportTo: (folder) => exportLogs(logger, folder),
    },
    setCitySecret: (secret) => {
      settings.updateSecrets({ cityClientSecret: secret ? opts.secrets.encrypt(secret) : null });
      log.info('city client secret updated', { sealedWith: opts.secrets.kind, cleared: !secret });
    },
    cityHealth: async (): Promise<CityHealth> => {
      const baseUrl = cityBaseUrl();
      const started = Date.now();
      try {
        const h = await city().health();
        return { ok: h.ok, baseUrl, latencyMs: h.latencyMs, version: h.version, errorCode: null };
      } catch (err) {
        const errorCode = err instanceof AppError ? err.code : 'CITY_UNREACHABLE';
        log.warn('city health check failed', { baseUrl, errorCode });
        return { ok: false, baseUrl, latencyMs: Date.now() - started, version: null, errorCode };
      }
    },
  };

  settings.onChange((s) => {
    gateway = null;
    logger.configure(s.logs);
    events.emit('appStateDidChange', appStateOf(services));
  });
  session.onReset((reason, at) => events.emit('sessionDidReset', { reason, at }));

  const dispatch = createDispatcher(createIpcHandlers(services), logger.child('ipc'));
  log.info('started', { version: opts.version, role: settings.get().role, demo: demoOn });

  return {
    dispatch,
    events,
    services,
    log,
    async dispose() {
      await demo?.stop();
      log.info('stopped');
    },
  };
}
