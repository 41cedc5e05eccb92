import { useEffect, useState } from 'react';
import type { Form01 } from '../../../common/ipc/contract';
import { errorCodeOf, kiosk, unwrap } from '../../bridge/kiosk-bridge';
import { errorMessage, useI18n } from '../../i18n/i18n';

const COPY_TYPES: Record<string, string> = {
  'ban-chinh': 'Bản chính',
  'ban-sao': 'Bản sao',
  'ban-chup': 'Bản chụp',
  'ban-chinh-hoac-ban-sao': 'Bản chính hoặc bản sao',
};

function clock(iso: string): string {
  const d = new Date(iso);
  const part = (o: Intl.DateTimeFormatOptions) =>
    d.toLocaleString('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh', ...o });
  return `${part({ hour: '2-digit', hour12: false })} giờ ${part({ minute: '2-digit' })} phút, ngày ${part({ day: '2-digit' })} tháng ${part({ month: '2-digit' })} năm ${part({ year: 'numeric' })}`;
}

const vnd = new Intl.NumberFormat('vi-VN');

function Copy(props: { readonly form: Form01; readonly copy: string }) {
  const f = props.form;
  const due = f.dueDate ? f.dueDate.split('-').reverse().join('/') : '…';
  return (
    <article className="form01">
      <header className="form01-head">
        <div>
          <div>{f.unit.toUpperCase()}</div>
          <strong>{f.centreName.toUpperCase()}</strong>
        </div>
        <div>
          <strong>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</strong>
          <div className="underlined">Độc lập - Tự do - Hạnh phúc</div>
          <em>Cần Thơ, {clock(f.receivedAt).split(', ')[1]}</em>
        </div>
      </header>
      <h1>GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ</h1>
      <p className="center">
        Mã hồ sơ: <strong>{f.dossierCode}</strong>
        {f.provisional && ' (số biên nhận tạm, chờ mã chính thức)'}
      </p>
      <p className="center">
        <em>({props.copy})</em>
      </p>
      <p>
        Bộ phận tiếp nhận và trả kết quả: {f.centreName} — điểm tiếp nhận {f.receivingPoint}
      </p>
      <p>
        Tiếp nhận hồ sơ của: <strong>{f.ownerName}</strong>
      </p>
      <p>Địa chỉ: {f.address ?? '…'}</p>
      <p>
        Số điện thoại: {f.phone ?? '…'} &nbsp; Email: {f.email ?? '…'}
      </p>
      <p>Nội dung yêu cầu giải quyết: {f.procedureName}</p>
      <p>1. Thành phần hồ sơ nộp gồm:</p>
      <table>
        <thead>
          <tr>
            <th>STT</th>
            <th>Tên giấy tờ</th>
            <th>Hình thức</th>
            <th>Số lượng</th>
          </tr>
        </thead>
        <tbody>
          {f.documents.map((d, i) => (
            <tr key={d.name}>
              <td>{i + 1}</td>
              <td>{d.name}</td>
              <td>{COPY_TYPES[d.copyType] ?? d.copyType}</td>
              <td>{d.quantity}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p>2. Số lượng hồ sơ: 01 (bộ)</p>
      <p>
        3. Thời gian giải quyết hồ sơ theo quy định là:{' '}
        {f.processingDays === null
          ? '…'
          : f.processingDays === 0
            ? 'trong ngày làm việc'
            : `${f.processingDays} ngày làm việc`}
      </p>
      <p>4. Thời gian nhận hồ sơ: {clock(f.receivedAt)}</p>
      <p>5. Thời gian trả kết quả giải quyết hồ sơ: ngày {due}</p>
      <p>6. Đăng ký nhận kết quả tại: Bộ phận trả kết quả, {f.centreName}</p>
      <p>
        7. Phí, lệ phí:{' '}
        {f.fees.every((x) => x.amountVnd === 0)
          ? 'Không'
          : f.fees.map((x) => `${x.name}: ${vnd.format(x.amountVnd)} đồng`).join('; ')}
      </p>
      <p>Vào Sổ theo dõi hồ sơ, Quyển số: …… Số thứ tự: ……</p>
      <footer className="form01-sign">
        <div>
          <strong>NGƯỜI NỘP HỒ SƠ</strong>
          <div>
            <em>(Ký và ghi rõ họ tên)</em>
          </div>
          <div className="sign-name">{f.ownerName}</div>
        </div>
        <div>
          <strong>NGƯỜI TIẾP NHẬN HỒ SƠ</strong>
          <div>
            <em>(Ký và ghi rõ họ tên)</em>
          </div>
        </div>
      </footer>
    </article>
  );
}

/** Mẫu 01 on A4, two copies (kept / given to the citizen), for printing or PDF. */
export function Form01Page(props: { readonly localRef: string }) {
  const { t } = useI18n();
  const [form, setForm] = useState<Form01 | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    unwrap(kiosk().dossiers.form01({ localRef: props.localRef })).then(setForm, (err: unknown) =>
      setError(errorMessage(t, errorCodeOf(err))),
    );
  }, [props.localRef, t]);
  if (error) return <p className="notice notice-error">{error}</p>;
  if (!form) return <p className="prompt">{t('app.loading')}</p>;
  return (
    <div className="form01-pages" data-testid="form01">
      <Copy form={form} copy="Liên 1: Lưu" />
      <Copy form={form} copy="Liên 2: Giao người nộp hồ sơ" />
    </div>
  );
}
