import { spawn, spawnSync } from 'node:child_process';

/** Two linked pseudo-terminals: bytes written to one come out of the other (a null-modem cable). */
export interface PtyPair {
  /** e.g. /dev/pts/3: give this one to the driver under test. */
  readonly a: string;
  /** e.g. /dev/pts/4: give this one to the simulator. */
  readonly b: string;
  readonly pid: number;
  /** Kills socat and waits for it to exit. Idempotent. */
  close(): Promise<void>;
}

let socatPresent: boolean | undefined;

/** True when `socat` is on PATH (tests skip with a clear message otherwise). */
export function isSocatAvailable(): boolean {
  socatPresent ??= spawnSync('socat', ['-V'], { stdio: 'ignore' }).status === 0;
  return socatPresent;
}

export const SOCAT_MISSING_MESSAGE =
  'socat is not installed: pty tests skipped (apt-get install socat to run them)';

/**
 * Spawns `socat -d -d pty,raw,echo=0 pty,raw,echo=0` and parses the two /dev/pts paths from its
 * stderr ("N PTY is /dev/pts/3"). Rejects after `timeoutMs` if socat does not report both.
 */
export function createPtyPair(timeoutMs = 5_000): Promise<PtyPair> {
  return new Promise<PtyPair>((resolve, reject) => {
    const child = spawn('socat', ['-d', '-d', 'pty,raw,echo=0', 'pty,raw,echo=0'], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    const paths: string[] = [];
    let stderr = '';
    let settled = false;
    const exited = new Promise<void>((done) => child.once('exit', () => done()));
    const close = async (): Promise<void> => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    };
    const fail = (message: string): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void close().then(() => reject(new Error(`${message}; socat said: ${stderr.trim()}`)));
    };
    const timer = setTimeout(
      () => fail(`socat did not report two ptys in ${timeoutMs} ms`),
      timeoutMs,
    );
    child.once('error', (err) => fail(`cannot start socat: ${err.message}`));
    child.once('exit', (code) => fail(`socat exited early (code ${code})`));
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (text: string) => {
      stderr += text;
      for (const m of text.matchAll(/PTY is (\/dev\/\S+)/g)) if (m[1]) paths.push(m[1]);
      // Wait for "starting data transfer loop": only then does socat forward bytes.
      if (!settled && paths.length >= 2 && stderr.includes('starting data transfer loop')) {
        settled = true;
        clearTimeout(timer);
        child.stderr.removeAllListeners('data');
        child.stderr.resume();
        const [a = '', b = ''] = paths;
        resolve({ a, b, pid: child.pid ?? -1, close });
      }
    });
  });
}
