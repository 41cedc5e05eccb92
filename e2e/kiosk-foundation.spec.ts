import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { ARTIFACTS, expect, test } from './harness-fixture';

const CENTRE = 'Trung tâm Phục vụ hành chính công thành phố Cần Thơ';

async function openSetupGate(page: Page) {
  const corner = page.getByTestId('setup-corner');
  const box = await corner.boundingBox();
  if (!box) throw new Error('setup corner not rendered');
  await page.mouse.move(box.x + 20, box.y + 20);
  await page.mouse.down();
  await page.clock.runFor(3100);
  await page.mouse.up();
  await expect(page.getByRole('dialog', { name: 'Cài đặt kỹ thuật' })).toBeVisible();
}

async function tapPin(page: Page, pin: string) {
  const dialog = page.getByRole('dialog');
  for (const digit of pin) await dialog.getByRole('button', { name: digit, exact: true }).click();
  await dialog.getByRole('button', { name: 'Xác nhận' }).click();
}

test.describe('kiosk home through the browser harness', () => {
  test('shows the centre and the four tasks in Vietnamese; screenshots for review', async ({
    page,
    harness,
  }) => {
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    const timings: Record<string, number> = { harnessStartMs: harness.startMs };
    for (const [width, height] of [
      [1080, 1920],
      [1920, 1080],
    ] as const) {
      await page.setViewportSize({ width, height });
      const t0 = Date.now();
      await page.goto(harness.url);
      await expect(page.getByRole('heading', { name: 'Xin kính chào quý khách!' })).toBeVisible();
      timings[`firstInteractiveMs_${width}x${height}`] = Date.now() - t0;
      await expect(page.getByText(CENTRE, { exact: true })).toBeVisible();
      for (const title of ['Lấy số thứ tự', 'Nộp hồ sơ', 'Tra cứu thủ tục', 'Tra cứu hồ sơ']) {
        const tile = page.getByRole('button', { name: new RegExp(`^${title}`) });
        await expect(tile).toBeVisible();
        const box = await tile.boundingBox();
        expect(box?.height ?? 0).toBeGreaterThanOrEqual(64);
      }
      await expect(page.locator('html')).toHaveAttribute('lang', 'vi');
      await page.evaluate(() => document.fonts.ready);
      const fontOk = await page.evaluate(() =>
        document.fonts.check('700 32px "Be Vietnam Pro"', 'Lấy số thứ tự'),
      );
      expect(fontOk).toBe(true);
      await page.screenshot({ path: path.join(ARTIFACTS, `kiosk-home-${width}x${height}.png`) });
    }
    fs.writeFileSync(path.join(ARTIFACTS, 'timings.json'), JSON.stringify(timings, null, 2));
  });

  test('switches language to English and back', async ({ page, harness }) => {
    await page.goto(harness.url);
    await page.getByRole('button', { name: 'English' }).click();
    await expect(page.getByRole('heading', { name: 'Welcome!' })).toBeVisible();
    await expect(page.getByRole('button', { name: /^Take a number/ })).toBeVisible();
    await page.getByRole('button', { name: 'Tiếng Việt' }).click();
    await expect(page.getByRole('heading', { name: 'Xin kính chào quý khách!' })).toBeVisible();
  });

  test('warns after 60 s idle, lets the citizen continue, then resets to a clean home', async ({
    page,
    harness,
  }) => {
    await page.clock.install();
    await page.goto(harness.url);
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('button', { name: /^Track a dossier/ }).click();
    await expect(page.getByRole('heading', { name: 'Track a dossier', level: 1 })).toBeVisible();

    await page.clock.runFor(59_000);
    await expect(page.getByRole('alertdialog')).toHaveCount(0);
    await page.clock.runFor(1_500);
    const warning = page.getByRole('alertdialog', { name: 'Are you still there?' });
    await expect(warning).toBeVisible();
    await expect(page.getByTestId('idle-countdown')).toHaveText('30');
    await page.clock.runFor(10_000);
    await expect(page.getByTestId('idle-countdown')).toHaveText('20');
    await page.screenshot({ path: path.join(ARTIFACTS, 'idle-warning.png') });
    await warning.getByRole('button', { name: 'Continue' }).click();
    await expect(warning).toHaveCount(0);
    await expect(page.getByRole('heading', { name: 'Track a dossier', level: 1 })).toBeVisible();

    await page.clock.runFor(61_000);
    await expect(warning).toBeVisible();
    await page.clock.runFor(31_000);
    await expect(page.getByRole('alertdialog')).toHaveCount(0);
    await expect(page.getByRole('heading', { name: 'Xin kính chào quý khách!' })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'vi');
    await expect.poll(() => harness.readLog()).toMatch(/citizen session reset reason="idle"/);
  });

  test('a clean home screen is never interrupted by the idle warning', async ({
    page,
    harness,
  }) => {
    await page.clock.install();
    await page.goto(harness.url);
    await page.clock.runFor(5 * 60_000);
    await expect(page.getByRole('alertdialog')).toHaveCount(0);
  });
});

test.describe('technician setup', () => {
  test('is reached by holding the corner and entering the PIN; changes are saved', async ({
    page,
    harness,
  }) => {
    await page.clock.install();
    await page.goto(harness.url);
    await openSetupGate(page);
    await tapPin(page, '123456');
    await expect(page.getByRole('heading', { name: 'Cài đặt kỹ thuật' })).toBeVisible();
    await expect(page.getByText('Máy đang dùng mã PIN mặc định')).toBeVisible();
    await page.screenshot({ path: path.join(ARTIFACTS, 'setup-general.png') });

    await page.getByLabel('Số quầy').fill('4');
    await page.getByRole('button', { name: 'Lưu' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Đã lưu' })).toBeVisible();
    const saved = JSON.parse(
      fs.readFileSync(path.join(harness.dataDir, 'settings.json'), 'utf8'),
    ) as {
      centre: { counterNumber: number };
    };
    expect(saved.centre.counterNumber).toBe(4);

    await page.getByRole('button', { name: 'Nhật ký' }).click();
    await expect(page.getByTestId('log-view')).toContainText('setup unlocked');

    await page.getByRole('button', { name: 'Thoát cài đặt' }).click();
    await expect(page.getByRole('heading', { name: 'Xin kính chào quý khách!' })).toBeVisible();
  });

  test('locks out after 5 wrong PINs, even for the right one', async ({ page, harness }) => {
    await page.clock.install();
    await page.goto(harness.url);
    await openSetupGate(page);
    const message = page.getByTestId('setup-gate-message');
    for (let left = 4; left >= 1; left--) {
      await tapPin(page, '000000');
      await expect(message).toHaveText(`Mã PIN không đúng. Còn ${left} lần thử.`);
    }
    await tapPin(page, '000000');
    await expect(message).toContainText('Đã khóa do nhập sai quá nhiều lần. Thử lại sau 5:00');
    await expect(
      page.getByRole('dialog').getByRole('button', { name: '1', exact: true }),
    ).toBeDisabled();
    await page.screenshot({ path: path.join(ARTIFACTS, 'setup-locked-out.png') });

    // The lock is held by main, not by the page: a reload does not lift it.
    await page.reload();
    await openSetupGate(page);
    await page.keyboard.type('123456');
    await page.keyboard.press('Enter');
    await expect(message).toContainText('Đã khóa');
    await expect(page.getByRole('heading', { name: 'Cài đặt kỹ thuật', level: 1 })).toHaveCount(0);
    expect(harness.readLog()).toContain('setup PIN locked out');
  });
});

test.describe('damaged settings file', () => {
  test.use({ settingsFile: '{"role": "kiosk", "idle": ' });

  test('starts with defaults and tells the technician in setup', async ({ page, harness }) => {
    await page.clock.install();
    await page.goto(harness.url);
    await expect(page.getByRole('heading', { name: 'Xin kính chào quý khách!' })).toBeVisible();
    await openSetupGate(page);
    await tapPin(page, '123456');
    await expect(page.getByRole('alert').filter({ hasText: 'Tệp cài đặt bị lỗi' })).toBeVisible();
    const backups = fs
      .readdirSync(harness.dataDir)
      .filter((f) => f.startsWith('settings.json.invalid-'));
    expect(backups).toHaveLength(1);
  });
});

test.describe('demo mode', () => {
  test.use({ demo: true });

  test('setup reaches the embedded city-system simulator', async ({ page, harness }) => {
    await page.clock.install();
    await page.goto(harness.url);
    await expect(page.getByText('CHẾ ĐỘ TRÌNH DIỄN')).toBeVisible();
    await openSetupGate(page);
    await tapPin(page, '123456');
    await page.getByRole('button', { name: 'Hệ thống một cửa' }).click();
    await page.getByRole('button', { name: 'Kiểm tra kết nối' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Kết nối tốt' })).toBeVisible();
  });
});
