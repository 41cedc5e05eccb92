import type { DeviceAlert } from '../../../common/ipc/contract';
import type { Logger } from '../log/logger';

/**
 * Device problems the technician must see in setup (printer out of paper, reader unplugged…).
 * One alert per device; a success clears it.
 */
export class DeviceAlerts {
  private readonly active = new Map<DeviceAlert['device'], DeviceAlert>();

  constructor(
    private readonly log: Logger,
    private readonly now: () => Date = () => new Date(),
  ) {}

  raise(device: DeviceAlert['device'], code: string, message: string): void {
    const known = this.active.get(device);
    if (known?.code === code) return;
    this.active.set(device, { device, code, message, at: this.now().toISOString() });
    this.log.warn('device alert', { device, code, message });
  }

  clear(device: DeviceAlert['device']): void {
    if (this.active.delete(device)) this.log.info('device alert cleared', { device });
  }

  list(): DeviceAlert[] {
    return [...this.active.values()];
  }
}
