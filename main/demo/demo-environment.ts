import {
  CITY_SIMULATOR_CLIENT,
  CityServerSimulator,
} from '../../simulators/city/city-server-simulator';
import type { Logger } from '../services/log/logger';

export interface DemoEnvironment {
  readonly cityBaseUrl: string;
  /** The OAuth client the city simulator knows (demo credentials, not a secret). */
  readonly cityClient: { readonly clientId: string; readonly clientSecret: string };
  stop(): Promise<void>;
}

/**
 * Demo mode (`npm start`, `npm run web -- --demo`): the simulators that stand in for real
 * hardware and the city system, all on loopback. Device simulators join as their drivers land.
 */
export async function startDemoEnvironment(log: Logger): Promise<DemoEnvironment> {
  const city = new CityServerSimulator();
  const { url } = await city.start({ host: '127.0.0.1', port: 0 });
  log.info('city-system simulator listening', { url });
  return {
    cityBaseUrl: url,
    cityClient: {
      clientId: CITY_SIMULATOR_CLIENT.clientId,
      clientSecret: CITY_SIMULATOR_CLIENT.clientSecret,
    },
    async stop() {
      await city.stop();
    },
  };
}
