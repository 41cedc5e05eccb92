import { readFileTlv, readTlvList, requireTlv, findTlv } from './ber-tlv.js';
import type { Tlv } from './ber-tlv.js';
import { LDS_FILES } from './lds-files.js';
import { ldsError } from './lds-error.js';

/**
 * DG2: encoded face (ICAO 9303-10 §4.7.2). 75 { 7F61 { 02 count, 7F60 { A1 header, 5F2E data } } },
 * where the biometric data block is an ISO/IEC 19794-5:2005 facial record (§5.4–5.7): a 14-byte
 * general header 'FAC\0' '010\0' length(4) count(2), then per face a 20-byte facial information
 * block, 8 bytes per feature point, a 12-byte image information block and the image.
 */
export interface FaceImage {
  readonly mime: 'image/jpeg' | 'image/jp2';
  readonly bytes: Uint8Array;
  readonly width: number;
  readonly height: number;
}

export interface Dg2 {
  readonly images: readonly FaceImage[];
}

const TAG_BIOMETRIC_GROUP = 0x7f61;
const TAG_BIOMETRIC_TEMPLATE = 0x7f60;
const TAG_BIOMETRIC_DATA = 0x5f2e;
const TAG_BIOMETRIC_DATA_ENCIPHERED = 0x7f2e;
const FAC_MAGIC = [0x46, 0x41, 0x43, 0x00]; // 'FAC\0'
const GENERAL_HEADER = 14;
const FACIAL_INFO = 20;
const FEATURE_POINT = 8;
const IMAGE_INFO = 12;
const IMAGE_TYPE_JPEG = 0x00;
const IMAGE_TYPE_JPEG2000 = 0x01;

export function parseDg2(bytes: Uint8Array): Dg2 {
  const outer = readFileTlv(bytes, LDS_FILES.dg2.tag, 'DG2');
  const group = requireTlv(outer, TAG_BIOMETRIC_GROUP, 'DG2');
  const templates = readTlvList(group.value).filter((t) => t.tag === TAG_BIOMETRIC_TEMPLATE);
  if (templates.length === 0) throw ldsError('DG2: no biometric template 7F60', bytes);
  const images: FaceImage[] = [];
  for (const template of templates) images.push(...parseTemplate(template));
  if (images.length === 0) throw ldsError('DG2: no facial image', bytes);
  return { images };
}

function parseTemplate(template: Tlv): FaceImage[] {
  const children = readTlvList(template.value);
  const data = findTlv(children, TAG_BIOMETRIC_DATA);
  if (!data) {
    const why = findTlv(children, TAG_BIOMETRIC_DATA_ENCIPHERED) ? 'enciphered (7F2E)' : 'missing';
    throw ldsError(`DG2: biometric data block ${why}`, template.raw);
  }
  return parseFacialRecord(data.value);
}

function parseFacialRecord(rec: Uint8Array): FaceImage[] {
  if (rec.length < GENERAL_HEADER || FAC_MAGIC.some((b, i) => rec[i] !== b)) {
    throw ldsError("DG2: facial record does not start with 'FAC\\0'", rec);
  }
  const view = new DataView(rec.buffer, rec.byteOffset, rec.byteLength);
  const recordLength = view.getUint32(8);
  const count = view.getUint16(12);
  if (recordLength > rec.length) {
    throw ldsError(`DG2: facial record declares ${recordLength} bytes, ${rec.length} present`, rec);
  }
  const images: FaceImage[] = [];
  let pos = GENERAL_HEADER;
  for (let i = 0; i < count; i++) {
    if (pos + FACIAL_INFO > recordLength)
      throw ldsError('DG2: facial information truncated', rec, pos);
    const blockLength = view.getUint32(pos);
    const points = view.getUint16(pos + 4);
    const blockEnd = pos + blockLength;
    const imageInfo = pos + FACIAL_INFO + points * FEATURE_POINT;
    const imageStart = imageInfo + IMAGE_INFO;
    if (blockEnd > recordLength || imageStart > blockEnd) {
      throw ldsError(`DG2: facial block of ${blockLength} bytes does not fit`, rec, pos);
    }
    const dataType = view.getUint8(imageInfo + 1);
    const width = view.getUint16(imageInfo + 2);
    const height = view.getUint16(imageInfo + 4);
    const image = rec.subarray(imageStart, blockEnd);
    images.push({ mime: imageMime(dataType, image, rec, imageStart), bytes: image, width, height });
    pos = blockEnd;
  }
  return images;
}

function imageMime(
  dataType: number,
  image: Uint8Array,
  rec: Uint8Array,
  at: number,
): FaceImage['mime'] {
  const jpeg = image[0] === 0xff && image[1] === 0xd8 && image[2] === 0xff;
  // JP2 file signature box (ISO 15444-1 §I.5.1) or a bare codestream (SOC + SIZ markers).
  const jp2 =
    (image[4] === 0x6a && image[5] === 0x50 && image[6] === 0x20 && image[7] === 0x20) ||
    (image[0] === 0xff && image[1] === 0x4f && image[2] === 0xff && image[3] === 0x51);
  if (dataType === IMAGE_TYPE_JPEG && jpeg) return 'image/jpeg';
  if (dataType === IMAGE_TYPE_JPEG2000 && jp2) return 'image/jp2';
  throw ldsError(`DG2: image data type ${dataType} does not match the image bytes`, rec, at);
}
