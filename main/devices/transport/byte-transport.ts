/**
 * A duplex byte stream to a device (serial port, TCP socket, device file, in-process simulator).
 * Device drivers (PN532, ESC/POS printers, QR scanners) are written against this interface only;
 * adapters are chosen by URI in the composition root
 * (serial:///dev/ttyUSB0?baud=115200, tcp://127.0.0.1:9100, file:///dev/usb/lp0, sim://…).
 */
export interface ByteTransport {
  /** Human-readable target for logs, e.g. "serial:///dev/ttyUSB0?baud=115200". */
  readonly uri: string;
  readonly isOpen: boolean;
  open(timeoutMs?: number): Promise<void>;
  /** Resolves when the bytes were handed to the OS (or the peer accepted them). */
  write(bytes: Uint8Array, timeoutMs?: number): Promise<void>;
  /** Subscribes to incoming bytes; returns an unsubscribe function. */
  onData(listener: (chunk: Uint8Array) => void): () => void;
  /** Subscribes to close/error; returns an unsubscribe function. */
  onClose(listener: (err?: Error) => void): () => void;
  close(): Promise<void>;
}
