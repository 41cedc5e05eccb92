import { execFileSync } from 'node:child_process';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { ARTIFACTS, expect, test, type KioskWindow } from './harness-fixture';

test.use({ demo: true });

test('kiosk journey: card, procedure, consent, prefilled form typed in Telex, code and printed receipt', async ({
  page,
  harness,
}) => {
  await page.setViewportSize({ width: 1080, height: 1920 });
  await page.goto(harness.url);
  await page.getByRole('button', { name: /^Nộp hồ sơ/ }).click();
  await page.getByRole('button', { name: 'Nguyễn Thị Thu Hà' }).click();
  await expect(page.getByTestId('auth-badge')).toContainText('Thẻ thật', { timeout: 30_000 });
  await page.getByRole('button', { name: 'Tiếp tục' }).click();

  await page.getByRole('searchbox').fill('khai sinh');
  await page.getByRole('button', { name: /^Đăng ký khai sinh Hộ tịch · Mã 1\.001193/ }).click();
  await page.getByRole('button', { name: 'Nộp hồ sơ thủ tục này' }).click();

  await expect(
    page.getByRole('heading', { name: 'Đồng ý sử dụng thông tin cá nhân' }),
  ).toBeVisible();
  await expect(page.getByText('Luật Bảo vệ dữ liệu cá nhân số 91/2025/QH15')).toBeVisible();
  await page.screenshot({ path: path.join(ARTIFACTS, 'kiosk-consent.png') });
  await page.getByRole('button', { name: 'Đồng ý', exact: true }).click();

  await expect(page.getByRole('heading', { name: 'Kiểm tra và bổ sung tờ khai' })).toBeVisible();
  // Prefilled from the population data.
  await expect(page.getByLabel('Họ, chữ đệm, tên người yêu cầu *')).toHaveValue(
    'Nguyễn Thị Thu Hà',
  );
  await expect(page.getByLabel('Nơi cư trú *')).toHaveValue(/phường Ninh Kiều, thành phố Cần Thơ/);
  // Chip and population data agree for this citizen: no difference is reported.
  await expect(page.getByTestId('intake-differences')).toHaveCount(0);

  await page
    .getByRole('group', { name: 'Quan hệ với người được khai sinh *' })
    .getByRole('button', { name: 'Mẹ' })
    .click();
  // The child's name on the kiosk's own keyboard, in Telex.
  await page.getByLabel('Họ, chữ đệm, tên của trẻ *').click();
  const keyboard = page.getByRole('group', { name: 'Bàn phím trên màn hình' });
  for (const ch of 'Lee Minh An') {
    await keyboard
      .getByRole('button', { name: ch === ' ' ? 'Khoảng trắng' : ch.toUpperCase(), exact: true })
      .click();
  }
  await expect(page.getByLabel('Họ, chữ đệm, tên của trẻ *')).toHaveValue('lê minh an');
  await page.getByLabel('Họ, chữ đệm, tên của trẻ *').fill('Lê Minh An');
  await page.getByLabel('Ngày, tháng, năm sinh của trẻ *').fill('2026-11-20');
  await page
    .getByRole('group', { name: 'Giới tính *' })
    .getByRole('button', { name: 'Nam' })
    .click();
  await page.getByLabel('Nơi sinh *').fill('Bệnh viện Phụ sản thành phố Cần Thơ');
  await page.getByLabel('Họ, chữ đệm, tên người mẹ *').fill('Nguyễn Thị Thu Hà');
  await page.getByRole('button', { name: 'Xem lại trước khi nộp' }).click();
  await expect(page.getByRole('heading', { name: 'Xem lại hồ sơ' })).toBeVisible();
  await page.getByRole('button', { name: 'Nộp hồ sơ', exact: true }).click();

  const code = page.getByTestId('dossier-code');
  await expect(code).toHaveText(/^[\d.A-Z]+-\d{6}-\d{4}$/, { timeout: 20_000 });
  await expect(page.getByText('Mời quý khách nhận giấy biên nhận ở khe máy in.')).toBeVisible();
  await page.screenshot({ path: path.join(ARTIFACTS, 'kiosk-receipt.png') });
  const printout = await page.evaluate(() =>
    (window as unknown as KioskWindow).kiosk.demo.lastPrintout({}),
  );
  const text = printout.ok ? (printout.value.text ?? '') : '';
  expect(text).toContain('GIẤY BIÊN NHẬN HỒ SƠ');
  expect(text).toContain((await code.textContent()) ?? '?');
  expect(text).toContain('Nguyễn Thị Thu Hà');
  await expect.poll(() => harness.readLog()).toMatch(/dossier submitted/);

  // Later: the citizen tracks the dossier with the code from the receipt.
  const dossierCode = (await code.textContent()) ?? '';
  await page.getByRole('button', { name: 'Xong' }).click();
  await page.getByRole('button', { name: /^Tra cứu hồ sơ/ }).click();
  await page.getByLabel('Mã hồ sơ hoặc số biên nhận tạm').fill(dossierCode);
  await page.getByRole('button', { name: 'Tra cứu', exact: true }).click();
  await expect(page.getByTestId('track-result')).toContainText('Hồ sơ đã được tiếp nhận.');
  await expect(page.getByTestId('track-result')).toContainText('Đăng ký khai sinh');
});

/** A dossier submitted through the bridge, as the kiosk screens do it step by step. */
function submitThroughBridge(
  page: Page,
  args: { profileId: string; procedureCode: string; formData: Record<string, string> },
) {
  return page.evaluate(async ({ profileId, procedureCode, formData }) => {
    const k = (window as unknown as KioskWindow).kiosk;
    await k.demo.placeCard({ profileId });
    const cards = await k.demo.cards({});
    const qr = cards.ok ? (cards.value.cards.find((c) => c.id === profileId)?.qrText ?? '') : '';
    await k.identity.readCard({ key: { kind: 'qr', text: qr } });
    await k.intake.start({ procedureCode });
    await k.intake.consent({ granted: true });
    const lookup = await k.intake.lookup({});
    const prefill = lookup.ok ? lookup.value.prefill : {};
    return k.intake.submit({ formData: { ...prefill, ...formData } });
  }, args);
}

test('the counter prints Form 01 to an A4 PDF with the dossier code and the name in Vietnamese', async ({
  page,
  harness,
}) => {
  await page.goto(harness.url);
  // A dossier submitted at the kiosk (the flow above, condensed through the bridge).
  const receipt = await submitThroughBridge(page, {
    profileId: 'van-hung',
    procedureCode: '1.001193',
    formData: {
      quanHeVoiTre: 'Ông',
      treHoTen: 'Trần Bảo Ngọc',
      treNgaySinh: '2026-11-01',
      treGioiTinh: 'Nữ',
      treNoiSinh: 'Trạm y tế phường Ninh Kiều',
      meHoTen: 'Phạm Thị Hồng',
    },
  });
  expect(receipt.ok).toBe(true);
  const { localRef, code } = receipt.ok ? receipt.value : { localRef: '', code: null };

  await page.goto(`${harness.url}?view=form01&ref=${encodeURIComponent(localRef)}`);
  await expect(page.getByTestId('form01')).toContainText('GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ');
  const file = path.join(ARTIFACTS, 'form01.pdf');
  await page.pdf({ path: file, format: 'A4', printBackground: true });
  const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  expect(text).toContain(code ?? localRef);
  expect(text.normalize('NFC')).toContain('Trần Văn Hưng');
  expect(text).toContain('Liên 2: Giao người nộp hồ sơ');
  execFileSync('pdftoppm', [
    '-png',
    '-r',
    '60',
    '-f',
    '1',
    '-l',
    '1',
    file,
    path.join(ARTIFACTS, 'form01'),
  ]);
});

test('a procedure with a fee: the receipt carries the amount and a VietQR image', async ({
  page,
  harness,
}) => {
  await page.goto(harness.url);
  const receipt = await submitThroughBridge(page, {
    profileId: 'ngoc-anh',
    procedureCode: '1.004884',
    formData: { noiDungYeuCau: 'Đăng ký lại khai sinh do mất bản chính' },
  });
  expect(receipt.ok && receipt.value.fee?.totalVnd).toBe(5000);
  expect(receipt.ok && receipt.value.fee?.vietQrImage).toMatch(/^data:image\/svg\+xml;base64,/);
  const printout = await page.evaluate(() =>
    (window as unknown as KioskWindow).kiosk.demo.lastPrintout({}),
  );
  expect(printout.ok ? printout.value.text : '').toContain('Phí, lệ phí: 5.000 đồng');
});

test('counter journey: read the card, receive the dossier, print Form 01 to PDF', async ({
  page,
  harness,
}) => {
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.goto(`${harness.url}?view=counter`);
  await expect(page.getByRole('heading', { name: 'Quầy 1' })).toBeVisible();
  await page.evaluate(() =>
    (window as unknown as KioskWindow).kiosk.demo.placeCard({ profileId: 'minh-khoa' }),
  );
  await page.keyboard.press('F8');
  await page.getByLabel('Quét mã QR trên thẻ hoặc nhập 6 số cuối số định danh').fill('007788');
  await page.getByRole('button', { name: 'Đọc chip' }).click();
  await page
    .getByRole('button', { name: 'Tiếp nhận hồ sơ cho công dân này' })
    .click({ timeout: 30_000 });

  await page.getByRole('searchbox').fill('khai sinh');
  await page.getByRole('button', { name: /^Đăng ký khai sinh Hộ tịch · Mã 1\.001193/ }).click();
  await page.getByRole('button', { name: 'Nộp hồ sơ thủ tục này' }).click();
  await page.getByRole('button', { name: 'Đồng ý', exact: true }).click();
  await expect(page.getByLabel('Họ, chữ đệm, tên người yêu cầu *')).toHaveValue('Lâm Minh Khoa');
  // Staff type on a real keyboard: no on-screen keyboard at the counter.
  await page.getByLabel('Họ, chữ đệm, tên của trẻ *').click();
  await expect(page.getByRole('group', { name: 'Bàn phím trên màn hình' })).toHaveCount(0);
  await page
    .getByRole('group', { name: 'Quan hệ với người được khai sinh *' })
    .getByRole('button', { name: 'Cha' })
    .click();
  await page.getByLabel('Họ, chữ đệm, tên của trẻ *').fill('Lâm Gia Hân');
  await page.getByLabel('Ngày, tháng, năm sinh của trẻ *').fill('2026-11-15');
  await page
    .getByRole('group', { name: 'Giới tính *' })
    .getByRole('button', { name: 'Nữ' })
    .click();
  await page.getByLabel('Nơi sinh *').fill('Bệnh viện Đa khoa thành phố Cần Thơ');
  await page.getByLabel('Họ, chữ đệm, tên người mẹ *').fill('Thạch Thị Sa Rây');
  // Files from a folder or USB stick: the wrong type and a file over 5 MB are refused plainly.
  const birthCertificate = page.getByLabel('Chọn tệp cho: Giấy chứng sinh');
  await birthCertificate.setInputFiles({
    name: 'ghi-chu.txt',
    mimeType: 'text/plain',
    buffer: Buffer.from('not a document'),
  });
  await expect(
    page.getByRole('alert').filter({ hasText: 'không phải ảnh JPG, PNG' }),
  ).toBeVisible();
  await birthCertificate.setInputFiles({
    name: 'qua-lon.png',
    mimeType: 'image/png',
    buffer: Buffer.alloc(5 * 1024 * 1024 + 1),
  });
  await expect(page.getByRole('alert').filter({ hasText: 'lớn hơn 5 MB' })).toBeVisible();
  await birthCertificate.setInputFiles({
    name: 'giay-chung-sinh.pdf',
    mimeType: 'application/pdf',
    buffer: Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n'),
  });
  await expect(page.getByText('✔ giay-chung-sinh.pdf')).toBeVisible();
  await page.getByRole('button', { name: 'Xem lại trước khi nộp' }).click();
  await expect(page.getByRole('heading', { name: 'Xem lại hồ sơ' })).toBeVisible();
  await page.getByRole('button', { name: 'Nộp hồ sơ', exact: true }).click();
  const code = (await page.getByTestId('dossier-code').textContent({ timeout: 20_000 })) ?? '';
  expect(code).toMatch(/-\d{6}-\d{4}$/);

  const [form] = await Promise.all([
    page.context().waitForEvent('page'),
    page
      .getByRole('button', { name: 'In Mẫu 01 (Giấy tiếp nhận hồ sơ và hẹn trả kết quả)' })
      .click(),
  ]);
  await expect(form.getByTestId('form01')).toContainText(code);
  const file = path.join(ARTIFACTS, 'form01-counter.pdf');
  await form.pdf({ path: file, format: 'A4', printBackground: true });
  const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).normalize(
    'NFC',
  );
  expect(text).toContain(code);
  expect(text).toContain('Lâm Minh Khoa');
});
