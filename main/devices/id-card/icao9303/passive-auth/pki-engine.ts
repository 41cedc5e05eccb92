import * as pkijs from 'pkijs';

/** pkijs over Node's WebCrypto, passed explicitly to every pkijs call (no global engine state). */
export const PKI_ENGINE = new pkijs.CryptoEngine({
  name: 'node-webcrypto',
  crypto: globalThis.crypto,
});

/** "CN=…, O=…, C=…" of a pkijs name, for technician-facing details. */
export function distinguishedName(name: pkijs.RelativeDistinguishedNames): string {
  const short: Record<string, string> = {
    '2.5.4.3': 'CN',
    '2.5.4.10': 'O',
    '2.5.4.11': 'OU',
    '2.5.4.6': 'C',
    '2.5.4.5': 'SERIALNUMBER',
  };
  return [...name.typesAndValues]
    .reverse()
    .map((tv) => {
      const value: unknown = (tv.value as { valueBlock?: { value?: unknown } }).valueBlock?.value;
      return `${short[tv.type] ?? tv.type}=${typeof value === 'string' ? value : '?'}`;
    })
    .join(', ');
}
