import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import type { ComposedApp } from '../composition';
import { CONTENT_SECURITY_POLICY } from './content-security-policy';

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.mp3': 'audio/mpeg',
  '.ogg': 'audio/ogg',
  '.wav': 'audio/wav',
  '.json': 'application/json',
  '.map': 'application/json',
};

export interface HarnessOptions {
  readonly app: ComposedApp;
  /** The built renderer (dist/renderer), including web-bridge.js. */
  readonly rendererDir: string;
  readonly host?: string;
  readonly port?: number;
}

export interface Harness {
  readonly url: string;
  close(): Promise<void>;
}

/**
 * The browser harness (DESIGN.md): serves the built renderer over http on loopback and binds the
 * same IPC handler table to a WebSocket, with `window.kiosk` provided by preload/web-bridge.ts.
 */
export async function startHarness(opts: HarnessOptions): Promise<Harness> {
  const host = opts.host ?? '127.0.0.1';
  const root = path.resolve(opts.rendererDir);
  const indexHtml = fs
    .readFileSync(path.join(root, 'index.html'), 'utf8')
    // The bridge must define window.kiosk before the app's module script runs.
    .replace('<head>', '<head>\n    <script src="./web-bridge.js"></script>');

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const headers = {
      'Content-Security-Policy': CONTENT_SECURITY_POLICY,
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'no-store',
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, headers).end();
      return;
    }
    if (url.pathname === '/' || url.pathname === '/index.html') {
      res.writeHead(200, { ...headers, 'Content-Type': MIME['.html'] }).end(indexHtml);
      return;
    }
    const file = path.resolve(root, `.${decodeURIComponent(url.pathname)}`);
    if (!file.startsWith(root + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(404, headers).end('Not found');
      return;
    }
    const type = MIME[path.extname(file)] ?? 'application/octet-stream';
    res.writeHead(200, { ...headers, 'Content-Type': type });
    fs.createReadStream(file).pipe(res);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, resolve);
  });
  const { port } = server.address() as AddressInfo;
  const origin = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;

  const wss = new WebSocketServer({
    server,
    path: '/ipc',
    // Dossier attachments travel as base64 (20 × 5 MiB at most).
    maxPayload: 160 * 1024 * 1024,
    // Only our own page may drive the handlers (the harness's sender check).
    verifyClient: (info: { origin: string }) => info.origin === origin,
  });
  let nextSocket = 1;
  const sockets = new Set<WebSocket>();
  const unsubscribe = opts.app.events.subscribe((event, payload) => {
    const msg = JSON.stringify({ event, payload });
    for (const ws of sockets) ws.send(msg);
  });
  wss.on('connection', (ws) => {
    const senderId = `web-${nextSocket++}`;
    sockets.add(ws);
    ws.on('close', () => {
      sockets.delete(ws);
      opts.app.services.auth.lock(senderId);
    });
    ws.on('message', (data) => {
      let msg: { id?: unknown; channel?: unknown; payload?: unknown };
      try {
        msg = JSON.parse(Buffer.isBuffer(data) ? data.toString('utf8') : '') as typeof msg;
      } catch {
        return;
      }
      if (typeof msg.id !== 'number' || typeof msg.channel !== 'string') return;
      const id = msg.id;
      void opts.app
        .dispatch(msg.channel, msg.payload, { transport: 'web', senderId })
        .then((result) => ws.send(JSON.stringify({ id, result })));
    });
  });

  return {
    url: `${origin}/`,
    async close() {
      unsubscribe();
      for (const ws of sockets) ws.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
