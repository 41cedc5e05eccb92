import type { ApduTransceiver } from '../apdu-transceiver';
import { decodeCommandApdu, encodeResponseApdu } from './apdu';
import type { SecureMessaging } from './secure-messaging';

/** An ApduTransceiver that sends every plain APDU through secure messaging. */
export class SecureMessagingTransceiver implements ApduTransceiver {
  constructor(
    private readonly inner: ApduTransceiver,
    readonly sm: SecureMessaging,
  ) {}

  async transceive(apdu: Uint8Array, timeoutMs?: number): Promise<Uint8Array> {
    const protectedApdu = this.sm.protect(decodeCommandApdu(apdu));
    const response = await this.inner.transceive(protectedApdu, timeoutMs);
    return encodeResponseApdu(this.sm.unprotect(response));
  }
}
