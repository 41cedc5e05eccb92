import { AppError } from '../../../common/errors';
import type { ApduTransceiver } from '../../../main/devices/id-card/apdu-transceiver';
import type { CardEmulator } from '../../pn532/card-emulator';

/**
 * An ApduTransceiver wired straight to a simulated card, without a reader in between: for
 * in-process tests and demo mode. A card out of the field rejects with CARD_REMOVED, as the
 * PN532 driver does.
 */
export class DirectCardTransceiver implements ApduTransceiver {
  constructor(private readonly card: CardEmulator) {}

  async transceive(apdu: Uint8Array): Promise<Uint8Array> {
    if (!this.card.present) throw new AppError('CARD_REMOVED', 'The card left the field');
    return await this.card.transceive(apdu);
  }
}
