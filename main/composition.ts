import fs from 'node:fs/promises';
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
import { DeviceAlerts } from './services/alerts/device-alerts';
import { QueueDesk } from './services/queue-desk/queue-desk';
import { QueueService } from './services/queue/queue-service';
import type { QueueStore } from './services/queue/queue-store';
import { systemClock } from './services/queue/service-day';
import { SqliteQueueStore } from './storage/sqlite/sqlite-queue-store';
import { PostgresQueueStore } from './storage/postgres/postgres-queue-store';
import { createTransport } from './devices/transport/open-transport';
import { listSerialPorts } from './devices/transport/serial-transport';
import { SerialQrScanner } from './devices/scanner/serial-qr-scanner';
import { EscPosTicketPrinter, defaultFontDir } from './devices/printer/escpos-ticket-printer';
import { testTicketContent } from './devices/printer/ticket-layout';
import type { TicketPrinter } from './devices/printer/ticket-printer-port';
import {
  IcaoCardDocumentInterpreter,
  pn532CardDocumentReader,
} from './devices/id-card/icao-card-document-reader';
import { IdentityService } from './services/identity/identity-service';
import { DossierKeyFile } from './platform/dossier-key-file';
import { SqliteDossierStore } from './storage/dossier/sqlite-dossier-store';
import { SqliteAuditStore } from './storage/audit/sqlite-audit-store';
import { DossierOutbox } from './services/dossier/dossier-outbox';
import { AuditLog } from './services/audit/audit-log';
import { IntakeService } from './services/intake/intake-service';
import { receiptSlip } from './services/intake/receipt-slip';
import { DossierTracker } from './services/intake/dossier-tracker';
import { qrSvgDataUrl } from './services/intake/qr-image';
import type { Settings } from '../common/settings';
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
  /** Folder of the TTF fonts for raster tickets (packaged: resources/fonts). */
  readonly fontDir?: string;
  /** Renders one of our pages to PDF (Electron's printToPDF); absent in the browser harness. */
  readonly renderPdf?: (pagePath: string, readySelector: string) => Promise<Uint8Array>;
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

  const alerts = new DeviceAlerts(logger.child('alerts'));
  const queueStore = await openQueueStore(settings.get(), opts, logger.child('queue'));
  let queueService: QueueService | null = null;
  const queue = (): QueueService => {
    if (queueService) return queueService;
    const q = settings.get().queue;
    queueService = new QueueService({
      store: queueStore,
      clock: systemClock,
      services: q.services,
      counters: q.counters,
      policy: q.policy,
    });
    return queueService;
  };

  let printer: { key: string; printer: TicketPrinter } | null = null;
  const printerUri = () => demo?.printerUri ?? settings.get().printer.uri;
  const currentPrinter = (): TicketPrinter | null => {
    const uri = printerUri();
    if (!uri) return null;
    const p = settings.get().printer;
    const key = JSON.stringify([uri, p]);
    if (printer?.key === key) return printer.printer;
    void printer?.printer.close();
    const created = new EscPosTicketPrinter(createTransport(uri), {
      // A write-only USB device file never answers DLE EOT: print anyway, flagged unconfirmed.
      requireStatus: !uri.startsWith('file:'),
      model: p.model,
      paperWidth: p.paperWidth,
      encoding: p.encoding,
      codePage: p.codePage,
      fontDir: opts.fontDir ?? defaultFontDir(),
    });
    printer = { key, printer: created };
    return created;
  };

  // ID card reader: the configured one, or the demo PN532 simulator with its CSCA folder.
  const readerUri = demo?.idCard?.readerUri ?? settings.get().devices.readerUri;
  const identityService = readerUri
    ? new IdentityService({
        reader: pn532CardDocumentReader(
          createTransport(readerUri, demo?.idCard ? { resolveSim: demo.idCard.resolveSim } : {}),
        ),
        interpreter: new IcaoCardDocumentInterpreter(),
        trustDir: () => demo?.idCard?.trustDir ?? settings.get().devices.trustStoreDir ?? undefined,
        log: logger.child('identity'),
      })
    : null;
  if (identityService) session.register('identity', () => identityService.wipe());
  let reading: AbortController | null = null;

  // A serial (USB-CDC) QR scanner: every code goes to the screens as an event.
  const scannerUri = settings.get().devices.scannerUri;
  const scanner = scannerUri ? new SerialQrScanner(createTransport(scannerUri)) : null;
  if (scanner) {
    scanner.onScan(({ text }) => events.emit('scannerDidScan', { text }));
    scanner.onError((err) => alerts.raise('scanner', err.code, err.message));
    scanner.open().then(
      () => alerts.clear('scanner'),
      (err: unknown) => alerts.raise('scanner', 'DEVICE_NOT_CONNECTED', String(err)),
    );
  }

  // Dossiers: the durable encrypted outbox, the audit log, and the intake of the session.
  const keys = new DossierKeyFile({
    dir: path.join(opts.dataDir, 'keys'),
    ...(opts.secrets.kind === 'safe-storage' ? { sealer: opts.secrets } : {}),
  });
  const dossierStore = SqliteDossierStore.open({ path: path.join(opts.dataDir, 'dossiers.db') });
  const outbox = await DossierOutbox.open({
    store: dossierStore,
    // The gateway is rebuilt when settings change: always send through the current one.
    gateway: { submitDossier: (submission) => city().submitDossier(submission) },
    keys,
    attachmentsDir: path.join(opts.dataDir, 'attachments'),
    onError: (err) => log.error('dossier outbox error', { error: String(err) }),
  });
  outbox.start();
  const auditStore = SqliteAuditStore.open({ path: path.join(opts.dataDir, 'audit.db') });
  const audit = await AuditLog.open({ store: auditStore, keys });
  const intakeService = identityService
    ? new IntakeService({
        city,
        identity: () => identityService.lastIdentity,
        outbox,
        audit,
        terminal: () => {
          const s = settings.get();
          const id = s.role === 'counter' ? `QUAY-${s.centre.counterNumber}` : s.centre.terminalId;
          return {
            actor: { kind: s.role === 'counter' ? 'staff' : 'kiosk', id },
            terminalId: s.centre.terminalId,
          };
        },
        log: logger.child('intake'),
      })
    : null;
  if (intakeService) session.register('intake', () => intakeService.wipe());

  const desk = new QueueDesk({
    queue,
    config: () => {
      const s = settings.get();
      return {
        services: s.queue.services,
        counters: s.queue.counters,
        centreName: s.centre.name,
        counterNumber: s.centre.counterNumber,
      };
    },
    printer: currentPrinter,
    alerts,
    log: logger.child('queue'),
  });

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
    city,
    desk,
    alerts,
    demo,
    dossiers: new DossierTracker({ outbox, city, centre: () => settings.get().centre }),
    exportForm01: opts.renderPdf
      ? async (localRef) => {
          const pdf = await opts.renderPdf?.(
            `index.html?view=form01&ref=${encodeURIComponent(localRef)}`,
            '[data-testid=form01]',
          );
          const file = path.join(opts.dataDir, 'forms', `mau-01-${localRef}.pdf`);
          await fs.mkdir(path.dirname(file), { recursive: true });
          await fs.writeFile(file, pdf ?? new Uint8Array(), { mode: 0o600 });
          log.info('Form 01 exported', { localRef });
          return file;
        }
      : null,
    intake: intakeService && {
      start: (code) => intakeService.start(code),
      consent: (granted) => intakeService.consent(granted),
      lookup: () => intakeService.lookup(),
      submitAndPrint: async (formData, uploads) => {
        const receipt = await intakeService.submit(
          formData,
          settings.get().centre.terminalId,
          uploads.map((u) => ({
            documentCode: u.documentCode,
            fileName: u.fileName,
            mimeType: u.mimeType,
            data: new Uint8Array(Buffer.from(u.dataBase64, 'base64')),
          })),
        );
        const p = currentPrinter();
        const report = p
          ? await p.printDocument(receiptSlip(receipt, settings.get().centre.name))
          : null;
        if (report && !report.printed) {
          alerts.raise(
            'printer',
            report.error?.code ?? 'PRINTER_NOT_PRINTED',
            'Receipt slip not printed',
          );
        }
        return {
          ...receipt,
          printed: report?.printed ?? false,
          fee: receipt.fee && {
            totalVnd: receipt.fee.totalVnd,
            bankName: receipt.fee.bankName,
            vietQrImage: receipt.fee.vietQr ? await qrSvgDataUrl(receipt.fee.vietQr) : null,
          },
        };
      },
      wipe: () => intakeService.wipe(),
    },
    identity: identityService && {
      read: (key) => {
        // A read the screen abandons is cancelled; the identity itself lives until the reset.
        reading?.abort();
        const controller = new AbortController();
        reading = controller;
        return identityService.readCard({
          key,
          signal: controller.signal,
          onProgress: (p) =>
            events.emit('identityDidProgress', {
              step: p.step,
              bytesRead: p.bytesRead ?? null,
              totalBytes: p.totalBytes ?? null,
            }),
        });
      },
      cancel: () => reading?.abort(),
      lastRead: () => identityService.lastRead,
    },
    listSerialPorts: async () =>
      (await listSerialPorts()).map((p) => ({
        path: p.path,
        uri: p.uri,
        manufacturer: p.manufacturer ?? null,
      })),
    printer: {
      status: async () => {
        const p = currentPrinter();
        if (!p) return { configured: false, uri: null, state: 'unknown', paperNearEnd: false };
        const st = await p.status();
        return {
          configured: true,
          uri: printerUri(),
          state: st.state,
          paperNearEnd: st.paperNearEnd,
        };
      },
      testPrint: async () => {
        const p = currentPrinter();
        if (!p) return { printed: false, errorCode: 'PRINTER_NOT_CONFIGURED' };
        const report = await p.printTicket(
          testTicketContent(new Date(), settings.get().centre.name),
        );
        if (report.printed) alerts.clear('printer');
        else
          alerts.raise(
            'printer',
            report.error?.code ?? 'PRINTER_NOT_PRINTED',
            report.error?.message ?? '',
          );
        return {
          printed: report.printed,
          errorCode: report.printed ? null : (report.error?.code ?? 'PRINTER_NOT_PRINTED'),
        };
      },
    },
    setSecret: (name, value) => {
      settings.updateSecrets({ [name]: value ? opts.secrets.encrypt(value) : null });
      log.info('secret updated', { name, sealedWith: opts.secrets.kind, cleared: !value });
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
    queueService = null;
    logger.configure(s.logs);
    events.emit('appStateDidChange', appStateOf(services));
  });
  session.onReset((reason, at) => events.emit('sessionDidReset', { reason, at }));
  const stopQueueEvents = queueStore.onEvent((event) => {
    events.emit('queueDidChange', { eventId: event.id, type: event.type });
    const call = desk.callOf(event);
    if (call) events.emit('queueDidCall', call);
  });

  const dispatch = createDispatcher(createIpcHandlers(services), logger.child('ipc'));
  log.info('started', { version: opts.version, role: settings.get().role, demo: demoOn });

  return {
    dispatch,
    events,
    services,
    log,
    async dispose() {
      stopQueueEvents();
      await printer?.printer.close();
      await identityService?.close();
      await outbox.stop();
      dossierStore.close();
      auditStore.close();
      await scanner?.close();
      await queueStore.close();
      await demo?.stop();
      log.info('stopped');
    },
  };
}

async function openQueueStore(
  settings: Settings,
  opts: ComposeOptions,
  log: Logger,
): Promise<QueueStore> {
  const onError = (err: unknown) => log.error('queue store error', { error: String(err) });
  const sealed = settings.secrets.queuePostgresUrl;
  if (settings.queue.storage === 'postgres' && sealed) {
    log.info('queue storage: shared PostgreSQL');
    return PostgresQueueStore.open({
      connection: { connectionString: opts.secrets.decrypt(sealed) },
      onError,
    });
  }
  if (settings.queue.storage === 'postgres')
    log.warn('postgres queue chosen without a URL; using SQLite');
  return SqliteQueueStore.open({ path: path.join(opts.dataDir, 'queue.db'), onError });
}
