// Volunteer shifts in the browser: a volunteer finds a shift, signs up, checks in with the code the organiser shows,
// the organiser checks them out, and the certified hours appear on the volunteer's record.
import type { Browser } from '@playwright/test';
import { expect, expectAccessible, logIn, startsWith, test, zh, clickNav } from './playwright-utils';

async function signedIn(browser: Browser, email: string) {
  const context = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const page = await context.newPage();
  await logIn(page, email);
  return page;
}

const shanghaiDate = (offsetDays = 0) => new Date(Date.now() + 8 * 3_600_000 + offsetDays * 86_400_000).toISOString().slice(0, 10);

test('A volunteer finds a shift, signs up, is checked in and out, and sees the certified hours', async ({ page, browser }) => {
  test.setTimeout(180_000);
  const title = `楼道清洁日${Date.now() % 100000}`;

  // The community's staff publish a task that can be done any time today or tomorrow.
  const staff = await signedIn(browser, 'staff@fivefold.test');
  await staff.goto('/shifts/new');
  await expectAccessible(staff);
  await staff.getByLabel(startsWith(zh('shifts.form.title'))).fill(title);
  await staff.getByLabel(startsWith(zh('shifts.form.role'))).fill('清洁志愿者');
  await staff.getByLabel(startsWith(zh('shifts.form.spots'))).fill('2');
  await staff.getByLabel(startsWith(zh('shifts.form.place'))).selectOption({ label: '锦华苑社区' });
  await staff.getByLabel(startsWith(zh('shifts.form.location'))).fill('3号楼一层大厅');
  await staff.getByLabel(startsWith(zh('shifts.form.timing'))).selectOption({ label: zh('shifts.timing.window') });
  await staff.getByLabel(startsWith(zh('shifts.form.date'))).fill(shanghaiDate());
  await staff.getByLabel(startsWith(zh('shifts.form.startTime'))).fill('00:00');
  await staff.getByLabel(startsWith(zh('shifts.form.endDate'))).fill(shanghaiDate(1));
  await staff.getByLabel(startsWith(zh('shifts.form.endTime'))).fill('23:00');
  await staff.getByLabel(startsWith(zh('shifts.form.duration'))).fill('120');
  await staff.getByRole('button', { name: zh('shifts.form.submit') }).click();
  await expect(staff.getByText(zh('shifts.created'), { exact: true })).toBeVisible();
  await expect(staff.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await expectAccessible(staff, 'published');

  // The volunteer finds it on the list of their community and signs up.
  await logIn(page, 'volunteer@fivefold.test');
  await clickNav(page, zh('nav.shifts'));
  await expect(page).toHaveURL(/\/shifts$/);
  await expectAccessible(page);
  await page.getByLabel(zh('shifts.filter.community')).selectOption({ label: '锦华苑社区' });
  await page.getByRole('button', { name: zh('shifts.filter.apply') }).click();
  await page.getByRole('link', { name: title }).click();
  await expectAccessible(page);
  await expect(page.getByText(zh('shifts.spotsLeft', { free: 2, spots: 2 }))).toBeVisible();
  await page.getByRole('button', { name: zh('shifts.signUp') }).click();
  await expect(page.getByText(zh('shifts.notice.signedUp'), { exact: true })).toBeVisible();
  await expect(page.getByText(zh('shifts.you.booked'), { exact: true })).toBeVisible();
  await expect(page.getByText(zh('shifts.spotsLeft', { free: 1, spots: 2 }))).toBeVisible();
  await expectAccessible(page, 'signed up');
  const shiftUrl = page.url();

  // The organiser's roster shows the volunteer with their contact and the check-in code.
  await staff.getByRole('link', { name: zh('shifts.roster.open') }).click();
  await expectAccessible(staff);
  await expect(staff.getByRole('cell', { name: /陈志强/ })).toBeVisible();
  const code = (await staff.locator('.checkin-code').innerText()).trim();
  expect(code).toMatch(/^\d{6}$/);

  // The volunteer checks in on their phone with the code; a wrong code is refused first.
  await page.getByLabel(zh('shifts.checkin.code')).fill(code === '000000' ? '111111' : '000000');
  await page.getByRole('button', { name: zh('shifts.checkin.submit') }).click();
  await expect(page.getByText(zh('shifts.error.code'))).toBeVisible();
  await expectAccessible(page, 'wrong code');
  await page.getByLabel(zh('shifts.checkin.code')).fill(code);
  await page.getByRole('button', { name: zh('shifts.checkin.submit') }).click();
  await expect(page.getByText(zh('shifts.notice.checkedIn'), { exact: true })).toBeVisible();
  await expectAccessible(page, 'checked in');

  // The organiser checks them out after two hours' work.
  await staff.reload();
  await staff.getByLabel(zh('shifts.roster.outHours')).fill('2');
  await staff.getByRole('button', { name: zh('shifts.roster.checkOut'), exact: true }).click();
  await expect(staff.getByText(zh('shifts.notice.updated'), { exact: true })).toBeVisible();
  await expectAccessible(staff, 'checked out');

  // The certified hours are on the volunteer's record.
  await page.goto(shiftUrl);
  await expect(page.getByText(zh('shifts.you.booked'), { exact: true })).toBeVisible();
  await expectAccessible(page, 'after');
  await clickNav(page, zh('nav.myHours'));
  await expect(page).toHaveURL(/\/my\/hours$/);
  await expectAccessible(page);
  const row = page.getByRole('row', { name: new RegExp(title) });
  await expect(row).toContainText('2.0');
  await expect(row).toContainText(zh('hours.status.certified'));
  await staff.context().close();
});
