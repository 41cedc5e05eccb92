/**
 * The strict CSP of every renderer page (Electron's protocol handler and the harness send the
 * same header). No remote content: scripts, styles, fonts and media come from our own origin;
 * the harness's WebSocket is same-origin; camera frames are local blobs.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "font-src 'self'",
  "img-src 'self' data: blob:",
  "media-src 'self' blob:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ');
