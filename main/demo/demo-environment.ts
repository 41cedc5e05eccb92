import { CityServerSimulator } from '../../simulators/city/city-server-simulator';
import type { Logger } from '../services/log/logger';

export interface DemoEnvironment {
  readonly cityBaseUrl: string;
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
    async stop() {
      await city.stop();
    },
  };
}
