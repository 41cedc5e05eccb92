import path from 'node:path';
import { ARTIFACTS, expect, test, type KioskWindow } from './harness-fixture';

test.use({ demo: true });

test.describe('kiosk reads the citizen ID card (simulated PN532 + CCCD chip)', () => {
  test('shows the name with its diacritics, the portrait and the authenticity badge', async ({
    page,
    harness,
  }) => {
    await page.setViewportSize({ width: 1080, height: 1920 });
    await page.goto(harness.url);
    await page.getByRole('button', { name: /^Nộp hồ sơ/ }).click();
    await expect(page.getByText('Đưa mã QR trên thẻ căn cước vào máy quét')).toBeVisible();
    await page.getByRole('button', { name: 'Nguyễn Thị Thu Hà' }).click();
    await expect(page.getByText('Nguyễn Thị Thu Hà', { exact: true })).toBeVisible({
      timeout: 30_000,
    });
    await expect(page.getByTestId('auth-badge')).toHaveText(
      '✔ Thẻ thật: chữ ký số của cơ quan cấp hợp lệ',
    );
    await expect(page.getByText('092185001234')).toBeVisible();
    await expect(page.getByText('14/03/1985')).toBeVisible();
    const photo = page.getByRole('img', { name: 'Ảnh chân dung trong chip' });
    await expect(photo).toBeVisible();
    expect(await photo.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
    await page.screenshot({ path: path.join(ARTIFACTS, 'kiosk-identity.png') });

    // Going home forgets the card: main wipes it with the session.
    await page.getByRole('button', { name: 'Về trang chính' }).click();
    await expect(page.getByText('Nguyễn Thị Thu Hà')).toHaveCount(0);
  });

  test('a tampered chip is shown as failed and cannot be used', async ({ page, harness }) => {
    await page.goto(harness.url);
    await page.getByRole('button', { name: /^Nộp hồ sơ/ }).click();
    await page.getByRole('button', { name: 'Dữ liệu bị sửa' }).click();
    await expect(page.getByTestId('auth-badge')).toHaveText('✖ Dữ liệu trong chip không toàn vẹn', {
      timeout: 30_000,
    });
    await expect(page.getByRole('button', { name: 'Tiếp tục' })).toHaveCount(0);
    await expect(page.getByText('Không thể dùng dữ liệu của thẻ này')).toBeVisible();
  });

  test('a card pulled away mid-read gives a plain message and a way to retry', async ({
    page,
    harness,
  }) => {
    await page.goto(harness.url);
    await page.getByRole('button', { name: /^Nộp hồ sơ/ }).click();
    await page.getByRole('button', { name: 'Rút thẻ giữa chừng' }).click();
    await expect(page.getByTestId('identity-error')).toHaveText(
      'Thẻ đã bị nhấc khỏi đầu đọc. Vui lòng giữ thẻ yên trên đầu đọc và thử lại.',
      { timeout: 30_000 },
    );
    await expect(page.getByRole('button', { name: 'Thử lại' })).toBeVisible();
  });
});

test.describe('counter reads the citizen ID card', () => {
  test.use({ demo: true });

  test('F8 opens the read; staff may type the last 6 digits; fields are shown for copying', async ({
    page,
    harness,
  }) => {
    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.goto(`${harness.url}?view=counter`);
    await expect(page.getByRole('heading', { name: 'Quầy 1' })).toBeVisible();
    await page.keyboard.press('F8');
    const panel = page.getByRole('region', { name: 'Đọc thẻ căn cước của công dân' });
    await expect(panel).toBeVisible();
    // The card is on the reader (placed by the tester), staff type its last 6 ID digits.
    await page.evaluate(() =>
      (window as unknown as KioskWindow).kiosk.demo.placeCard({ profileId: 'van-hung' }),
    );
    await panel.getByLabel('Quét mã QR trên thẻ hoặc nhập 6 số cuối số định danh').fill('004321');
    await panel.getByRole('button', { name: 'Đọc chip' }).click();
    await expect(panel.getByRole('definition').filter({ hasText: /^Trần Văn Hưng$/ })).toBeVisible({
      timeout: 30_000,
    });
    await expect(panel.getByText('Không thời hạn')).toBeVisible();
    await expect(panel.getByTestId('auth-badge')).toContainText('Thẻ thật');
    await page.screenshot({ path: path.join(ARTIFACTS, 'counter-identity.png') });
  });
});

test.describe('technician test read', () => {
  test.use({ demo: true });

  test('setup reads a card and shows the steps and raw PN532 frames', async ({ page, harness }) => {
    await page.goto(harness.url);
    await expect(page.getByRole('heading', { name: 'Xin kính chào quý khách!' })).toBeVisible();
    await page.keyboard.press('Control+Alt+Shift+S');
    await page.keyboard.type('123456');
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Đầu đọc thẻ' }).click();
    await page.getByRole('button', { name: 'Liệt kê cổng nối tiếp' }).click();
    await expect(page.getByTestId('serial-ports')).toBeVisible();
    await page.evaluate(() =>
      (window as unknown as KioskWindow).kiosk.demo.placeCard({ profileId: 'thu-ha' }),
    );
    await page.getByLabel('Quét mã QR trên thẻ hoặc nhập 6 số cuối số định danh').fill('001234');
    await page.getByRole('button', { name: 'Đọc thử', exact: true }).click();
    await expect(
      page.getByRole('status').filter({ hasText: 'Nguyễn Thị Thu Hà · PACE · verified' }),
    ).toBeVisible({
      timeout: 30_000,
    });
    await expect(page.getByTestId('frame-log')).toContainText('✓ authenticate');
    await expect(page.getByTestId('frame-log')).toContainText('→');
  });
});
