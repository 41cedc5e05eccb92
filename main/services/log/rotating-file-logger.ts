import fs from 'node:fs';
import path from 'node:path';
import { redactIdNumbers } from '../../../common/redact';
import { ScopedLogger, type LogFields, type LogLevel } from './logger';

export interface RotatingFileLoggerOptions {
  readonly dir: string;
  /** Base file name; rotated files are kiosk.1.log, kiosk.2.log, … */
  readonly baseName?: string;
  maxBytes: number;
  maxFiles: number;
  readonly minLevel?: LogLevel;
  /** Also echo lines to stderr (dev, harness). */
  readonly echo?: boolean;
  readonly now?: () => Date;
}

const LEVELS: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

/**
 * Append-only log files with size-based rotation. Every line passes through the ID-number
 * redaction (Decree 356/2025/NĐ-CP: no personal identifiers in logs). Writes are synchronous so a
 * crash never loses the line that explains it; a kiosk logs a few lines a minute.
 */
export class RotatingFileLogger extends ScopedLogger {
  private readonly opts: RotatingFileLoggerOptions;
  private size: number;
  private readonly file: string;
  private readonly base: string;

  constructor(options: RotatingFileLoggerOptions) {
    super((level, message, fields, scope) => this.append(level, message, fields, scope));
    this.opts = { ...options };
    const opts = this.opts;
    this.base = opts.baseName ?? 'kiosk';
    this.file = path.join(opts.dir, `${this.base}.log`);
    fs.mkdirSync(opts.dir, { recursive: true });
    this.size = fs.existsSync(this.file) ? fs.statSync(this.file).size : 0;
  }

  /** Applies new rotation limits (from settings) from the next line on. */
  configure(limits: { maxBytes: number; maxFiles: number }): void {
    this.opts.maxBytes = limits.maxBytes;
    this.opts.maxFiles = limits.maxFiles;
  }

  /** Log files, newest first (kiosk.log, kiosk.1.log, …). */
  files(): string[] {
    const out = [this.file];
    for (let i = 1; i < this.opts.maxFiles; i++) out.push(this.rotated(i));
    return out.filter((f) => fs.existsSync(f));
  }

  /** The last `limit` lines across the current and rotated files, oldest first. */
  recent(limit: number): string[] {
    const lines: string[] = [];
    for (const f of this.files()) {
      const chunk = fs.readFileSync(f, 'utf8').split('\n').filter(Boolean);
      lines.unshift(...chunk);
      if (lines.length >= limit) break;
    }
    return lines.slice(-limit);
  }

  private rotated(i: number): string {
    return path.join(this.opts.dir, `${this.base}.${i}.log`);
  }

  private append(
    level: LogLevel,
    message: string,
    fields: LogFields | undefined,
    scope: string,
  ): void {
    if (LEVELS[level] < LEVELS[this.opts.minLevel ?? 'info']) return;
    const time = (this.opts.now?.() ?? new Date()).toISOString();
    const extra = fields
      ? Object.entries(fields)
          .filter(([, v]) => v !== undefined)
          .map(([k, v]) => ` ${k}=${JSON.stringify(v)}`)
          .join('')
      : '';
    const line = redactIdNumbers(
      `${time} ${level.toUpperCase().padEnd(5)} ${scope ? `[${scope}] ` : ''}${message}${extra}`,
    ).replace(/[\r\n]+/g, ' ');
    const bytes = Buffer.byteLength(line) + 1;
    if (this.size > 0 && this.size + bytes > this.opts.maxBytes) this.rotate();
    fs.appendFileSync(this.file, `${line}\n`);
    this.size += bytes;
    if (this.opts.echo) process.stderr.write(`${line}\n`);
  }

  private rotate(): void {
    const last = this.rotated(this.opts.maxFiles - 1);
    if (this.opts.maxFiles === 1) {
      fs.rmSync(this.file, { force: true });
    } else {
      fs.rmSync(last, { force: true });
      for (let i = this.opts.maxFiles - 2; i >= 1; i--) {
        if (fs.existsSync(this.rotated(i))) fs.renameSync(this.rotated(i), this.rotated(i + 1));
      }
      fs.renameSync(this.file, this.rotated(1));
    }
    this.size = 0;
  }
}

/** Copies the log files into `folder` (a USB stick, a share) under a timestamped name. */
export function exportLogs(logger: RotatingFileLogger, folder: string, now = new Date()): string[] {
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  const target = path.join(folder, `motcua-kiosk-logs-${stamp}`);
  fs.mkdirSync(target, { recursive: true });
  return logger.files().map((f) => {
    const dest = path.join(target, path.basename(f));
    fs.copyFileSync(f, dest);
    return dest;
  });
}
