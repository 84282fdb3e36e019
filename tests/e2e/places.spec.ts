import { en, expect, expectAccessible, logIn, test, zh, clickNav } from './playwright-utils';

test('A resident cannot open a staff page', async ({ page }) => {
  await logIn(page, 'resident@fivefold.test');
  await expect(page.getByRole('navigation').getByRole('link', { name: zh('nav.places') })).toHaveCount(0);

  const response = await page.goto('/admin/places');
  expect(response?.status()).toBe(403);
  await expect(page.getByRole('heading', { level: 1 })).toContainText(zh('error.title'));
  await expect(page.getByText(zh('error.403'))).toBeVisible();
  await expect(page.getByText('锦华苑社区')).toHaveCount(0);
  await expectAccessible(page, '403 page');
});

test('Staff can open the places page', async ({ page }) => {
  await logIn(page, 'staff@fivefold.test');
  await clickNav(page, zh('nav.places'));
  await expect(page).toHaveURL(/\/admin\/places$/);
  await expect(page.getByText('锦华苑社区').first()).toBeVisible();
  await expectAccessible(page);

  const response = await page.reload();
  expect(response?.status()).toBe(200);

  await page.getByRole('button', { name: `${zh('lang.switch')}: ${zh('lang.en')}` }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByText('Jinhuayuan Community').first()).toBeVisible();
  await expect(page.getByRole('heading', { level: 1 })).not.toContainText(en('error.title'));
  await expectAccessible(page, 'in English');
});
