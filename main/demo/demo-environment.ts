import {
  CITY_SIMULATOR_CLIENT,
  CityServerSimulator,
} from '../../simulators/city/city-server-simulator';
import { EscPosPrinterSimulator } from '../../simulators/escpos-printer/escpos-printer-simulator';
import type { Logger } from '../services/log/logger';
import { startDemoIdCard, type DemoIdCard } from './demo-id-card';

export type DemoPrinterCondition = 'ok' | 'paper-out' | 'cover-open' | 'offline';

export interface DemoEnvironment {
  readonly cityBaseUrl: string;
  /** The OAuth client the city simulator knows (demo credentials, not a secret). */
  readonly cityClient: { readonly clientId: string; readonly clientSecret: string };
  /** tcp://127.0.0.1:<port> of the simulated thermal printer. */
  readonly printerUri: string;
  /** The last ticket the simulated printer printed, as PNG and text ("the printed ticket"). */
  lastPrintout(): { png: Buffer; text: string } | null;
  setPrinter(condition: DemoPrinterCondition): void;
  /** The simulated PN532 reader with placeable fictional cards. */
  readonly idCard: DemoIdCard;
  stop(): Promise<void>;
}

/**
 * Demo mode (`npm start`, `npm run web -- --demo`): the simulators that stand in for real
 * hardware and the city system, all on loopback, speaking the real protocols.
 */
export async function startDemoEnvironment(log: Logger): Promise<DemoEnvironment> {
  const city = new CityServerSimulator();
  const { url } = await city.start({ host: '127.0.0.1', port: 0 });
  log.info('city-system simulator listening', { url });

  const printer = new EscPosPrinterSimulator({ paperWidth: 80 });
  const { uri: printerUri } = await printer.listen(0);
  log.info('ESC/POS printer simulator listening', { uri: printerUri });

  const idCard = await startDemoIdCard(log.child('id-card'));

  return {
    idCard,
    cityBaseUrl: url,
    cityClient: {
      clientId: CITY_SIMULATOR_CLIENT.clientId,
      clientSecret: CITY_SIMULATOR_CLIENT.clientSecret,
    },
    printerUri,
    lastPrintout() {
      const job = printer.printedJobs.at(-1);
      return job ? { png: printer.renderPng(job), text: printer.jobText(job) } : null;
    },
    setPrinter(condition) {
      printer.setPaper(condition === 'paper-out' ? 'out' : 'ok');
      printer.setCoverOpen(condition === 'cover-open');
      printer.setOffline(condition === 'offline');
      log.info('demo printer condition', { condition });
    },
    async stop() {
      await Promise.all([city.stop(), printer.close(), idCard.stop()]);
    },
  };
}
