import { formatDossierReceiptQr } from '../../../common/qr/dossier-receipt-qr';
import type { PrintBlock } from '../../devices/printer/ticket-printer-port';
import type { IntakeReceipt } from './intake-service';

const vnDate = (iso: string) => iso.slice(0, 10).split('-').reverse().join('/');

/**
 * The slip the kiosk prints after a submission: the city's code (or the provisional reference
 * while the city has not answered), the appointment date and a QR to track the dossier.
 */
export function receiptSlip(r: IntakeReceipt, centreName: string): PrintBlock[] {
  const code = r.code ?? r.localRef;
  // The provisional reference doubles as the tracking token (the kiosk's own lookup key).
  const qr = formatDossierReceiptQr({ dossierCode: code, trackingToken: r.localRef });
  return [
    { kind: 'text', text: centreName, align: 'center', bold: true },
    { kind: 'rule' },
    { kind: 'text', text: 'GIẤY BIÊN NHẬN HỒ SƠ', align: 'center', bold: true, size: 2 },
    { kind: 'text', text: r.procedureName, align: 'center' },
    { kind: 'feed' },
    { kind: 'text', text: r.code ? 'Mã hồ sơ:' : 'Số biên nhận tạm:', align: 'center' },
    // Normal width: a dossier code (about 25 characters) must never wrap on 58 mm paper.
    { kind: 'text', text: code, align: 'center', bold: true },
    ...(r.code
      ? []
      : [
          {
            kind: 'text' as const,
            text: 'Mã hồ sơ chính thức sẽ được gửi khi hệ thống một cửa xác nhận.',
            align: 'center' as const,
          },
        ]),
    { kind: 'text', text: `Người nộp: ${r.ownerName}`, align: 'left' },
    { kind: 'text', text: `Ngày nộp: ${vnDate(r.submittedAt)}`, align: 'left' },
    ...(r.dueDate
      ? [
          {
            kind: 'text' as const,
            text: `Ngày hẹn trả: ${vnDate(r.dueDate)}`,
            align: 'left' as const,
          },
        ]
      : []),
    ...(qr.ok
      ? [{ kind: 'qr' as const, data: qr.value, caption: 'Quét mã để tra cứu hồ sơ' }]
      : []),
    ...(r.fee
      ? [
          { kind: 'rule' as const },
          {
            kind: 'text' as const,
            text: `Phí, lệ phí: ${new Intl.NumberFormat('vi-VN').format(r.fee.totalVnd)} đồng`,
            align: 'center' as const,
            bold: true,
          },
          ...(r.fee.vietQr
            ? [
                {
                  kind: 'qr' as const,
                  data: r.fee.vietQr,
                  caption: 'Quét VietQR để nộp phí, lệ phí',
                },
              ]
            : []),
        ]
      : []),
    { kind: 'text', text: 'Xin cảm ơn quý khách', align: 'center' },
  ];
}
