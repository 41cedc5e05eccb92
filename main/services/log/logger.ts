export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export type LogFields = Readonly<Record<string, string | number | boolean | null | undefined>>;

/** The logging port every service receives. Implementations redact ID numbers. */
export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
  /** A logger that prefixes every line with a scope, e.g. "ipc" or "settings". */
  child(scope: string): Logger;
}

export type LogSink = (
  level: LogLevel,
  message: string,
  fields: LogFields | undefined,
  scope: string,
) => void;

/** A Logger over any sink; `child()` only extends the scope. */
export class ScopedLogger implements Logger {
  constructor(
    private readonly sink: LogSink,
    private readonly scope = '',
  ) {}
  debug(message: string, fields?: LogFields): void {
    this.sink('debug', message, fields, this.scope);
  }
  info(message: string, fields?: LogFields): void {
    this.sink('info', message, fields, this.scope);
  }
  warn(message: string, fields?: LogFields): void {
    this.sink('warn', message, fields, this.scope);
  }
  error(message: string, fields?: LogFields): void {
    this.sink('error', message, fields, this.scope);
  }
  child(scope: string): Logger {
    return new ScopedLogger(this.sink, this.scope ? `${this.scope}.${scope}` : scope);
  }
}

/** Collects lines in memory (tests, CLI). */
export class MemoryLogger extends ScopedLogger {
  readonly lines: string[] = [];
  constructor() {
    super((level, message, fields, scope) =>
      this.lines.push(
        `${level} ${scope ? `[${scope}] ` : ''}${message}${fields ? ` ${JSON.stringify(fields)}` : ''}`,
      ),
    );
  }
}
