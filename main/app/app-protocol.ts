import fs from 'node:fs/promises';
import path from 'node:path';
import { protocol } from 'electron';
import { CONTENT_SECURITY_POLICY } from '../web/content-security-policy';

export const APP_SCHEME = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://kiosk`;

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.woff2': 'font/woff2',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.mp3': 'audio/mpeg',
  '.ogg': 'audio/ogg',
  '.wav': 'audio/wav',
};

/** Must run before `app.ready`: our scheme behaves like https (ES modules, fetch, CSP). */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

/**
 * Serves the built renderer from app://kiosk/ (never file://: Electron security checklist #18)
 * with the strict CSP header on every response.
 */
export function serveRenderer(rendererDir: string): void {
  const root = path.resolve(rendererDir);
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    const headers = {
      'Content-Security-Policy': CONTENT_SECURITY_POLICY,
      'X-Content-Type-Options': 'nosniff',
    };
    const rel = url.pathname === '/' ? '/index.html' : decodeURIComponent(url.pathname);
    const file = path.resolve(root, `.${rel}`);
    if (url.host !== 'kiosk' || !file.startsWith(root + path.sep)) {
      return new Response('Not found', { status: 404, headers });
    }
    try {
      const body = await fs.readFile(file);
      const type = MIME[path.extname(file)] ?? 'application/octet-stream';
      return new Response(body, { headers: { ...headers, 'Content-Type': type } });
    } catch {
      return new Response('Not found', { status: 404, headers });
    }
  });
}
