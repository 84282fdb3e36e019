// The project fair and delivery in the browser: an organisation signs its proposed pair without JavaScript and the
// project is awarded; staff follow a project in delivery (progress, a report with a photo, the public timeline).
import { expect, expectAccessible, logIn, startsWith, test, zh } from './playwright-utils';

// A 1×1 PNG.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('An organisation sees its outcome and signs its pair at the project fair', async ({ page }) => {
    await logIn(page, 'org@fivefold.test');
    await page.goto('/fairs');
    await expectAccessible(page);
    await page.getByRole('link', { name: '锦华苑社区项目相亲会' }).click();
    await expectAccessible(page);
    await expect(page.getByRole('heading', { name: '锦华苑社区项目相亲会' })).toBeVisible();

    // Its own preferences: closed now, with its outcome in the proposal.
    await page.getByRole('link', { name: startsWith(zh('fair.editPreferences', { name: '' }).slice(0, 2)) }).first().click();
    await expect(page.getByRole('heading', { name: zh('fair.yourOutcome') })).toBeVisible();
    await expect(page.getByText(zh('fair.preferencesClosed'))).toBeVisible();
    await expectAccessible(page);
    await page.getByRole('link', { name: zh('fair.back') }).click();

    const sign = page.getByRole('button', { name: startsWith(zh('fair.signApplicant')) });
    const waiting = await sign.count();
    expect(waiting).toBeGreaterThan(0);
    await sign.first().click();
    await expect(page.getByText(zh('fair.awardedNotice'))).toBeVisible();
    await expect(page.getByRole('button', { name: startsWith(zh('fair.signApplicant')) })).toHaveCount(waiting - 1);
    await expectAccessible(page, 'signed');
  });
});

test('Staff follow a project in delivery: progress, a report with a photo, the public timeline', async ({ page }) => {
  await logIn(page, 'staff@fivefold.test');
  await page.goto('/fairs');
  await expectAccessible(page);
  await page.getByRole('link', { name: '锦华苑社区项目相亲会' }).click();
  await expect(page).toHaveURL(/\/fairs\/[0-9a-f-]{36}$/);
  await expectAccessible(page);
  await page.getByRole('link', { name: startsWith(zh('fair.delivery')) }).first().click();
  await expect(page).toHaveURL(/\/delivery$/);
  await expect(page.getByRole('heading', { name: zh('delivery.milestones'), exact: true })).toBeVisible();
  await expectAccessible(page);

  await page.getByLabel(zh('delivery.percent')).nth(1).fill('35');
  await page.getByRole('button', { name: `${zh('delivery.saveProgress')}: 服务与结项` }).click();
  await expect(page.getByText(zh('delivery.progressSaved'))).toBeVisible();
  await expect(page.getByText(zh('delivery.event.milestone_progress', { title: '服务与结项', percent: 35 }))).toBeVisible();
  await expectAccessible(page, 'progress');

  await page.getByLabel(startsWith(zh('delivery.body'))).fill('第二阶段：本周送餐 200 份，回访 12 户。');
  await page.getByLabel(zh('delivery.photos')).setInputFiles({ name: 'meals.png', mimeType: 'image/png', buffer: PNG });
  await page.getByRole('button', { name: zh('delivery.submitReport') }).click();
  await expect(page.getByText(zh('delivery.reportSaved'))).toBeVisible();
  await expect(page.getByText('第二阶段：本周送餐 200 份，回访 12 户。')).toBeVisible();
  const photo = page.getByRole('img', { name: zh('delivery.photoOf', { n: 1 }) });
  await photo.scrollIntoViewIfNeeded();
  await expect(photo).toBeVisible();
  await expect.poll(() => photo.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(1);
  await expectAccessible(page, 'report');

  // Bad input: a field error, nothing saved.
  await page.getByLabel(zh('delivery.percent')).first().fill('140');
  await page.getByLabel(zh('delivery.percent')).first().evaluate((el: HTMLInputElement) => el.removeAttribute('max'));
  await page.getByRole('button', { name: startsWith(zh('delivery.saveProgress')) }).first().click();
  await expect(page.getByText(zh('delivery.v.percent'))).toBeVisible();
  await expectAccessible(page, 'error');
});
