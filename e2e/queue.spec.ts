import fs from 'node:fs';
import path from 'node:path';
import { ARTIFACTS, expect, test, type KioskWindow } from './harness-fixture';

test.use({ demo: true });

test.describe('queue: kiosk → printer → counter → display', () => {
  test('a ticket is taken in two touches, printed, called at the counter and shown on the display', async ({
    page,
    harness,
  }) => {
    await page.setViewportSize({ width: 1080, height: 1920 });
    await page.goto(harness.url);
    const display = await page.context().newPage();
    await display.setViewportSize({ width: 1920, height: 1080 });
    await display.goto(`${harness.url}?view=display`);
    await expect(display.getByText('Chưa có số nào được gọi')).toBeVisible();

    // Touch 1: the home tile. (Priority is optional and chosen before the service.)
    await page.getByRole('button', { name: /^Lấy số thứ tự/ }).click();
    await page.getByRole('button', { name: 'Người cao tuổi' }).click();
    // Touch 2: the service.
    await page.getByRole('button', { name: /^Hộ tịch/ }).click();
    await expect(page.getByTestId('ticket-number')).toHaveText('A001');
    await expect(page.getByText('Ưu tiên: Người cao tuổi')).toBeVisible();
    await expect(page.getByText('Mời quý khách nhận phiếu ở khe máy in bên dưới.')).toBeVisible();
    await expect(page.getByRole('img', { name: 'Phiếu đã in (máy in mô phỏng)' })).toBeVisible();
    await page.screenshot({ path: path.join(ARTIFACTS, 'kiosk-ticket-issued.png') });

    // What the printer simulator received, decoded from Windows-1258: correct Vietnamese.
    const printout = await page.evaluate(() =>
      (window as unknown as KioskWindow).kiosk.demo.lastPrintout({}),
    );
    const text = printout.ok ? (printout.value.text ?? '') : '';
    expect(text).toContain('A001');
    expect(text).toContain('Hộ tịch');
    expect(text).toContain('Người cao tuổi');

    // The counter (counter 1 serves Hộ tịch) sees it live and calls it with F1.
    const counter = await page.context().newPage();
    await counter.setViewportSize({ width: 1920, height: 1080 });
    await counter.goto(`${harness.url}?view=counter`);
    await expect(counter.getByRole('heading', { name: 'Danh sách chờ (1)' })).toBeVisible();
    await counter.keyboard.press('F1');
    await expect(counter.getByTestId('counter-current')).toHaveText('A001');

    // The display updates by itself and calls it out.
    await expect(display.getByTestId('board-callout')).toContainText('Mời số A001 đến quầy 1');
    await expect(display.getByTestId('board-counter-1')).toContainText('A001');
    await display.screenshot({ path: path.join(ARTIFACTS, 'display-board.png') });

    await counter.getByRole('button', { name: 'Bắt đầu (F3)' }).click();
    await counter.getByRole('button', { name: 'Hoàn thành (F4)' }).click();
    await expect(counter.getByText('Đã phục vụ hôm nay: 1')).toBeVisible();
    await counter.screenshot({ path: path.join(ARTIFACTS, 'counter.png') });
    await expect(display.getByTestId('board-counter-1')).not.toContainText('A001');

    // The day's report, in setup, and its CSV export.
    await counter.keyboard.press('Control+Alt+Shift+S');
    await counter.keyboard.type('123456');
    await counter.keyboard.press('Enter');
    await counter.getByRole('button', { name: 'Hàng đợi' }).click();
    await counter.getByRole('button', { name: 'Xem báo cáo' }).click();
    await expect(counter.getByRole('row', { name: /^Hộ tịch 1 1 1 0$/ })).toBeVisible();
    const folder = path.join(harness.dataDir, 'usb');
    await counter.getByLabel('Thư mục xuất nhật ký (ví dụ ổ USB)').fill(folder);
    await counter.getByRole('button', { name: 'Xuất CSV' }).click();
    await expect(
      counter.getByRole('status').filter({ hasText: 'Đã xuất 2 tệp CSV' }),
    ).toBeVisible();
    const csv = fs.readFileSync(
      fs
        .readdirSync(folder)
        .map((f) => path.join(folder, f))
        .find((f) => f.includes('linh-vuc')) ?? '',
      'utf8',
    );
    expect(csv).toContain('Hộ tịch');
  });

  test('with the printer out of paper the kiosk says so plainly and still gives the number', async ({
    page,
    harness,
  }) => {
    await page.goto(harness.url);
    await page.evaluate(() =>
      (window as unknown as KioskWindow).kiosk.demo.setPrinter({ condition: 'paper-out' }),
    );
    await page.getByRole('button', { name: /^Lấy số thứ tự/ }).click();
    await page.getByRole('button', { name: /^Chứng thực/ }).click();
    await expect(page.getByTestId('ticket-number')).toHaveText('B001');
    await expect(page.getByTestId('ticket-not-printed')).toHaveText(
      'Máy chưa in được phiếu. Quý khách vui lòng ghi nhớ số B001 và theo dõi màn hình gọi số; cán bộ hướng dẫn sẽ hỗ trợ.',
    );
    await expect(page.getByText('Mời quý khách nhận phiếu')).toHaveCount(0);
    await expect.poll(() => harness.readLog()).toMatch(/device alert.*PRINTER_PAPER_OUT/);
    await page.screenshot({ path: path.join(ARTIFACTS, 'kiosk-paper-out.png') });

    // …and setup shows the technician what is wrong.
    await page.keyboard.press('Control+Alt+Shift+S');
    await page.keyboard.type('123456');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('device-alerts')).toContainText('Máy in: Máy in hết giấy.');
    await page.getByRole('button', { name: 'Máy in và màn hình' }).click();
    await page.getByRole('button', { name: 'Kiểm tra trạng thái' }).click();
    await expect(
      page.getByRole('status').filter({ hasText: 'Trạng thái: Hết giấy' }),
    ).toBeVisible();
    await page.evaluate(() =>
      (window as unknown as KioskWindow).kiosk.demo.setPrinter({ condition: 'ok' }),
    );
    await page.getByRole('button', { name: 'In thử' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Đã in phiếu thử.' })).toBeVisible();
    await page.screenshot({ path: path.join(ARTIFACTS, 'setup-printer.png') });
  });
});

test('a technician adds a service area in setup and the kiosk issues its numbers at once', async ({
  page,
  harness,
}) => {
  await page.goto(harness.url);
  await expect(page.getByRole('heading', { name: 'Xin kính chào quý khách!' })).toBeVisible();
  await page.keyboard.press('Control+Alt+Shift+S');
  await page.keyboard.type('123456');
  await page.keyboard.press('Enter');
  await page.getByRole('button', { name: 'Hàng đợi' }).click();
  await page.getByRole('button', { name: 'Thêm lĩnh vực' }).click();
  const row = page.getByTestId('service-row-linh-vuc-moi');
  await row.getByLabel('Tên lĩnh vực').fill('Tư pháp');
  await row.getByLabel('Chữ đầu số (A, B…)').fill('H');
  await page
    .getByRole('group', { name: 'Lĩnh vực Quầy 6 phục vụ' })
    .getByRole('button', { name: 'H · Tư pháp' })
    .click();
  await page.getByRole('button', { name: 'Lưu lĩnh vực và quầy' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Đã lưu' }).first()).toBeVisible();
  await page.getByRole('button', { name: 'Thoát cài đặt' }).click();

  await page.getByRole('button', { name: /^Lấy số thứ tự/ }).click();
  await page.getByRole('button', { name: /^Tư pháp/ }).click();
  await expect(page.getByTestId('ticket-number')).toHaveText('H001');
  await expect(page.getByText('Quầy phục vụ: 6')).toBeVisible();
});

test('the QR on a ticket shows the citizen where they stand, then where to go', async ({
  page,
  harness,
}) => {
  await page.goto(harness.url);
  const issued = await page.evaluate(() =>
    (window as unknown as KioskWindow).kiosk.queue.issueTicket({
      serviceId: 'cu-tru',
      priority: null,
    }),
  );
  const ticketId = issued.ok ? issued.value.ticket.id : '';
  await page.getByRole('button', { name: /^Tra cứu hồ sơ/ }).click();
  const field = page.getByLabel('Mã hồ sơ hoặc số biên nhận tạm');
  await field.fill(`MCKQ1|${ticketId}`);
  await page.getByRole('button', { name: 'Tra cứu', exact: true }).click();
  await expect(page.getByTestId('ticket-position')).toContainText('C001');
  await expect(page.getByTestId('ticket-position')).toContainText('Còn 0 người trước quý khách');

  // Counter 3 serves Cư trú; once it calls the ticket, the same QR says where to go.
  await page.evaluate(async () => {
    const k = (window as unknown as KioskWindow).kiosk;
    await k.setup.unlock({ pin: '123456' });
    await k.settings.update({ patch: { centre: { counterNumber: 3 } } });
    await k.queue.act({ action: 'call-next' });
  });
  await page.getByRole('button', { name: 'Tra cứu', exact: true }).click();
  await expect(page.getByTestId('ticket-position')).toContainText('Mời đến quầy số 3');
});
