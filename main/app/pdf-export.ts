import { BrowserWindow } from 'electron';
import { APP_ORIGIN } from './app-protocol';

const RENDER_TIMEOUT_MS = 15_000;

/**
 * Renders one of our pages (e.g. Mẫu 01) to an A4 PDF with Chromium's printToPDF, in a hidden,
 * sandboxed window with the same preload. Resolves once the page marks itself ready.
 */
export function electronPdfRenderer(preloadFile: string) {
  return async (pagePath: string, readySelector: string): Promise<Uint8Array> => {
    const win = new BrowserWindow({
      show: false,
      webPreferences: {
        preload: preloadFile,
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
      },
    });
    try {
      await win.loadURL(`${APP_ORIGIN}/${pagePath}`);
      const deadline = Date.now() + RENDER_TIMEOUT_MS;
      for (;;) {
        const ready = (await win.webContents.executeJavaScript(
          `Boolean(document.querySelector(${JSON.stringify(readySelector)}))`,
        )) as boolean;
        if (ready) break;
        if (Date.now() > deadline) throw new Error(`${pagePath} did not render in time`);
        await new Promise((r) => setTimeout(r, 100));
      }
      const pdf = await win.webContents.printToPDF({ pageSize: 'A4', printBackground: true });
      return new Uint8Array(pdf);
    } finally {
      win.destroy();
    }
  };
}
