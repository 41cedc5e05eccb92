import { AppError } from '../../../common/errors.js';
import type { ByteTransport } from '../transport/byte-transport.js';
import { DEFAULT_MAX_LINE_BYTES, ScanLineFramer, type FramedLine } from './scan-line-framer.js';

export interface QrScan {
  /** The raw decoded text (parse it with common/qr). */
  readonly text: string;
  /** Date.now() when the line end arrived. */
  readonly receivedAt: number;
}

export interface SerialQrScannerOptions {
  readonly maxLineBytes?: number;
  /**
   * For scanners set to send no suffix: a line also ends after this much silence. Off by
   * default (CR/LF framing only), since a pause inside a long scan must not split it.
   */
  readonly idleFlushMs?: number;
}

/**
 * A serial (USB-CDC / RS-232) QR scanner: one scan per CR/LF-terminated line of UTF-8 text.
 * Emits raw text; parsing belongs to common/qr.
 */
export class SerialQrScanner {
  private readonly framer: ScanLineFramer;
  private readonly scanListeners = new Set<(scan: QrScan) => void>();
  private readonly errorListeners = new Set<(err: AppError) => void>();
  private unsubscribe: (() => void)[] = [];
  private idleTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    readonly transport: ByteTransport,
    private readonly options: SerialQrScannerOptions = {},
  ) {
    this.framer = new ScanLineFramer(options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES);
  }

  async open(timeoutMs = 5_000): Promise<void> {
    if (!this.transport.isOpen) await this.transport.open(timeoutMs);
    if (this.unsubscribe.length > 0) return;
    this.unsubscribe = [
      this.transport.onData((chunk) => this.receive(chunk)),
      this.transport.onClose((err) => {
        if (err) {
          this.emit({
            kind: 'error',
            error:
              err instanceof AppError
                ? err
                : new AppError(
                    'DEVICE_NOT_CONNECTED',
                    `Scanner ${this.transport.uri} closed: ${err.message}`,
                  ),
          });
        }
      }),
    ];
  }

  onScan(listener: (scan: QrScan) => void): () => void {
    this.scanListeners.add(listener);
    return () => this.scanListeners.delete(listener);
  }

  /** Framing errors (overlong line, bad UTF-8) and the port going away. */
  onError(listener: (err: AppError) => void): () => void {
    this.errorListeners.add(listener);
    return () => this.errorListeners.delete(listener);
  }

  /**
   * Resolves with the next scan; rejects with DEVICE_TIMEOUT after `timeoutMs`, TIMEOUT when
   * `signal` aborts, or DEVICE_NOT_CONNECTED when the port closes. Framing errors do not end
   * the wait: the next good line does.
   */
  nextScan(timeoutMs: number, signal?: AbortSignal): Promise<QrScan> {
    if (!this.transport.isOpen || this.unsubscribe.length === 0) {
      return Promise.reject(
        new AppError('DEVICE_NOT_CONNECTED', `Scanner ${this.transport.uri} is not open`),
      );
    }
    return new Promise<QrScan>((resolve, reject) => {
      const cleanup = (): void => {
        clearTimeout(timer);
        offScan();
        offClose();
        signal?.removeEventListener('abort', onAbort);
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(
          new AppError(
            'DEVICE_TIMEOUT',
            `No scan from ${this.transport.uri} within ${timeoutMs} ms`,
          ),
        );
      }, timeoutMs);
      const offScan = this.onScan((scan) => {
        cleanup();
        resolve(scan);
      });
      const offClose = this.transport.onClose(() => {
        cleanup();
        reject(new AppError('DEVICE_NOT_CONNECTED', `Scanner ${this.transport.uri} closed`));
      });
      const onAbort = (): void => {
        cleanup();
        reject(new AppError('TIMEOUT', 'Waiting for a scan was cancelled'));
      };
      if (signal?.aborted) onAbort();
      else signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  async close(): Promise<void> {
    clearTimeout(this.idleTimer);
    for (const off of this.unsubscribe) off();
    this.unsubscribe = [];
    await this.transport.close();
  }

  private receive(chunk: Uint8Array): void {
    for (const item of this.framer.push(chunk)) this.emit(item);
    clearTimeout(this.idleTimer);
    const idle = this.options.idleFlushMs;
    if (idle !== undefined && this.framer.pending > 0) {
      this.idleTimer = setTimeout(() => {
        for (const item of this.framer.flush()) this.emit(item);
      }, idle);
    }
  }

  private emit(item: FramedLine): void {
    if (item.kind === 'line') {
      const scan: QrScan = { text: item.text, receivedAt: Date.now() };
      for (const l of [...this.scanListeners]) l(scan);
    } else {
      for (const l of [...this.errorListeners]) l(item.error);
    }
  }
}
