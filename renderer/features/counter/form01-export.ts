import { errorCodeOf, kiosk, unwrap } from '../../bridge/kiosk-bridge';

/**
 * Mẫu 01 for a dossier: the desktop app saves an A4 PDF (resolves its path); the browser harness
 * opens the printable page in a new tab (resolves null).
 */
export async function exportForm01(localRef: string): Promise<string | null> {
  try {
    return (await unwrap(kiosk().dossiers.exportForm01({ localRef }))).file;
  } catch (err) {
    if (errorCodeOf(err) !== 'NOT_SUPPORTED') throw err;
    window.open(`./index.html?view=form01&ref=${encodeURIComponent(localRef)}`, '_blank');
    return null;
  }
}
