import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser } from '@playwright/test';
import { chromiumLaunchOptions } from '../playwright.config';
import QRCode from 'qrcode';
import { ARTIFACTS, expect, test, type KioskWindow } from './harness-fixture';

test.use({ demo: true });

/** Same browser choice and flags as playwright.config.ts, plus Chromium's fake camera. */
function launchWithFakeCamera(videoFile: string): Promise<Browser> {
  return chromium.launch(
    chromiumLaunchOptions([
      '--use-fake-device-for-media-stream',
      '--use-fake-ui-for-media-stream',
      `--use-file-for-fake-video-capture=${videoFile}`,
    ]),
  );
}

/**
 * A YUV4MPEG2 (4:2:0) 1280×720 clip of a grey scene with the QR of `text` in the middle — what a
 * camera sees when a citizen holds the card's QR up to it.
 */
function writeQrY4m(file: string, text: string, frames = 2): void {
  const width = 1280;
  const height = 720;
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const size = qr.modules.size;
  const quiet = 4;
  const modulePx = Math.floor(600 / (size + 2 * quiet));
  const side = (size + 2 * quiet) * modulePx;
  const left = Math.floor((width - side) / 2);
  const top = Math.floor((height - side) / 2);
  const luma = Buffer.alloc(width * height, 120);
  for (let y = 0; y < side; y++) {
    for (let x = 0; x < side; x++) {
      const mx = Math.floor(x / modulePx) - quiet;
      const my = Math.floor(y / modulePx) - quiet;
      const dark = mx >= 0 && my >= 0 && mx < size && my < size && qr.modules.get(my, mx) === 1;
      luma[(top + y) * width + left + x] = dark ? 16 : 235;
    }
  }
  const chroma = Buffer.alloc((width / 2) * (height / 2) * 2, 128);
  const parts: Buffer[] = [Buffer.from(`YUV4MPEG2 W${width} H${height} F10:1 Ip A1:1 C420jpeg\n`)];
  for (let i = 0; i < frames; i++) parts.push(Buffer.from('FRAME\n'), luma, chroma);
  fs.writeFileSync(file, Buffer.concat(parts));
}

test.describe('kiosk reads the card QR with the camera (Chromium fake camera)', () => {
  test('the CCCD QR held to the camera opens the chip; a document photo joins the dossier', async ({
    page,
    harness,
  }) => {
    // The demo card's QR text, as printed on the fictional card.
    await page.goto(harness.url);
    const qrText = await page.evaluate(async () => {
      const r = await (window as unknown as KioskWindow).kiosk.demo.cards({});
      if (!r.ok) throw new Error(r.error.message);
      return r.value.cards.find((c) => c.id === 'thu-ha')?.qrText ?? '';
    });
    expect(qrText).toContain('Nguyễn Thị Thu Hà');

    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-camera-'));
    const videoFile = path.join(dir, 'cccd-qr.y4m');
    writeQrY4m(videoFile, qrText);
    const browser = await launchWithFakeCamera(videoFile);
    try {
      const context = await browser.newContext({
        locale: 'vi-VN',
        timezoneId: 'Asia/Ho_Chi_Minh',
        viewport: { width: 1080, height: 1920 },
      });
      const kioskPage = await context.newPage();
      await kioskPage.goto(harness.url);
      await kioskPage.evaluate(() =>
        (window as unknown as KioskWindow).kiosk.demo.placeCard({ profileId: 'thu-ha' }),
      );
      await kioskPage.getByRole('button', { name: /^Nộp hồ sơ/ }).click();
      await expect(kioskPage.getByText('Đưa mã QR trên thẻ căn cước vào máy quét')).toBeVisible();
      // Nothing else was touched: the camera read the QR, which opened the chip (the "Đặt thẻ…"
      // step may be too short to observe), and the read ends with the name.
      await expect(kioskPage.getByText('Nguyễn Thị Thu Hà', { exact: true })).toBeVisible({
        timeout: 30_000,
      });
      await expect(kioskPage.getByTestId('auth-badge')).toBeVisible();
      await kioskPage.screenshot({ path: path.join(ARTIFACTS, 'kiosk-camera-read.png') });

      // The dossier goes on with a photo of the birth certificate taken by the kiosk's camera.
      await kioskPage.getByRole('button', { name: 'Tiếp tục' }).click();
      await kioskPage.getByRole('searchbox').fill('khai sinh');
      await kioskPage
        .getByRole('button', { name: /^Đăng ký khai sinh Hộ tịch · Mã 1\.001193/ })
        .click();
      await kioskPage.getByRole('button', { name: 'Nộp hồ sơ thủ tục này' }).click();
      await kioskPage.getByRole('button', { name: 'Đồng ý', exact: true }).click();
      await kioskPage.getByTestId('attach-GCS').getByRole('button', { name: 'Chụp ảnh' }).click();
      await kioskPage.getByRole('button', { name: 'Chụp', exact: true }).click();
      await expect(kioskPage.getByText('✔ anh-GCS.jpg')).toBeVisible();
      await kioskPage
        .getByRole('group', { name: 'Quan hệ với người được khai sinh *' })
        .getByRole('button', { name: 'Mẹ' })
        .click();
      await kioskPage.getByLabel('Họ, chữ đệm, tên của trẻ *').fill('Lê Minh An');
      await kioskPage.getByLabel('Ngày, tháng, năm sinh của trẻ *').fill('2026-11-20');
      await kioskPage
        .getByRole('group', { name: 'Giới tính *' })
        .getByRole('button', { name: 'Nam' })
        .click();
      await kioskPage.getByLabel('Nơi sinh *').fill('Bệnh viện Phụ sản thành phố Cần Thơ');
      await kioskPage.getByLabel('Họ, chữ đệm, tên người mẹ *').fill('Nguyễn Thị Thu Hà');
      await kioskPage.getByRole('button', { name: 'Xem lại trước khi nộp' }).click();
      await expect(kioskPage.getByText('Giấy chứng sinh: anh-GCS.jpg')).toBeVisible();
      await kioskPage.getByRole('button', { name: 'Nộp hồ sơ', exact: true }).click();
      await expect(kioskPage.getByTestId('dossier-code')).toHaveText(/-\d{6}-\d{4}$/, {
        timeout: 20_000,
      });
      await context.close();
    } finally {
      await browser.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('setup shows the camera and the text of a code it reads, without opening it', async ({
    harness,
  }) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-camera-'));
    const videoFile = path.join(dir, 'url-qr.y4m');
    writeQrY4m(videoFile, 'https://example.invalid/khong-mo');
    const browser = await launchWithFakeCamera(videoFile);
    try {
      const kioskPage = await browser.newPage({ locale: 'vi-VN' });
      await kioskPage.clock.install();
      await kioskPage.goto(harness.url);
      // Hold the setup corner for 3 s, then the default PIN.
      const box = await kioskPage.getByTestId('setup-corner').boundingBox();
      if (!box) throw new Error('setup corner not rendered');
      await kioskPage.mouse.move(box.x + 20, box.y + 20);
      await kioskPage.mouse.down();
      await kioskPage.clock.runFor(3100);
      await kioskPage.mouse.up();
      const gate = kioskPage.getByRole('dialog', { name: 'Cài đặt kỹ thuật' });
      for (const digit of '123456')
        await gate.getByRole('button', { name: digit, exact: true }).click();
      await gate.getByRole('button', { name: 'Xác nhận' }).click();
      await kioskPage.getByRole('button', { name: 'Đầu đọc thẻ' }).click();
      await expect(kioskPage.getByTestId('camera-setup')).toBeVisible();
      await expect(kioskPage.getByTestId('camera-decoded')).toHaveText(
        'Mã vừa đọc: https://example.invalid/khong-mo',
        { timeout: 20_000 },
      );
      expect(kioskPage.url()).toContain(harness.url);
    } finally {
      await browser.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
