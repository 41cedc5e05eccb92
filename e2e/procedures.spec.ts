import path from 'node:path';
import { ARTIFACTS, expect, test } from './harness-fixture';

test.use({ demo: true });

test('a citizen finds "Đăng ký khai sinh" by typing without accents and reads what to bring', async ({
  page,
  harness,
}) => {
  await page.setViewportSize({ width: 1080, height: 1920 });
  await page.goto(harness.url);
  await page.getByRole('button', { name: /^Tra cứu thủ tục/ }).click();
  await expect(page.getByRole('heading', { name: 'Tra cứu thủ tục hành chính' })).toBeVisible();

  // On the kiosk's own keyboard: "khai sinh", no diacritics.
  await page.getByRole('button', { name: 'Bàn phím' }).click();
  const keyboard = page.getByRole('group', { name: 'Bàn phím trên màn hình' });
  for (const ch of 'khai sinh') {
    await keyboard
      .getByRole('button', { name: ch === ' ' ? 'Khoảng trắng' : ch.toUpperCase(), exact: true })
      .click();
  }
  await expect(page.getByRole('searchbox')).toHaveValue('khai sinh');
  const result = page.getByRole('button', { name: /^Đăng ký khai sinh Hộ tịch · Mã 1\.001193/ });
  await expect(result).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'Tìm thấy' })).toContainText(
    'Tìm thấy 4 thủ tục',
  );
  await page.screenshot({ path: path.join(ARTIFACTS, 'kiosk-procedures.png') });

  await result.click();
  await expect(page.getByRole('heading', { name: 'Đăng ký khai sinh', level: 1 })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Giấy tờ cần nộp' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Thời hạn giải quyết' })).toBeVisible();
  await page.screenshot({ path: path.join(ARTIFACTS, 'kiosk-procedure-detail.png') });

  // By lĩnh vực as well.
  await page.getByRole('button', { name: 'Quay lại' }).click();
  await page.getByRole('button', { name: 'Xóa hết' }).click();
  await page
    .getByRole('group', { name: 'Lọc theo lĩnh vực' })
    .getByRole('button', { name: 'Chứng thực' })
    .click();
  await expect(page.getByRole('button', { name: /Chứng thực · Mã/ }).first()).toBeVisible();
  await expect(page.getByRole('button', { name: /Hộ tịch · Mã/ })).toHaveCount(0);
});
