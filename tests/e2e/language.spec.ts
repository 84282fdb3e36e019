import { en, expect, expectAccessible, test, zh } from './playwright-utils';

test('Anyone can switch the language and it is remembered', async ({ page }) => {
  await page.goto('/');
  const html = page.locator('html');
  const heading = page.getByRole('heading', { level: 1 });
  await expect(html).toHaveAttribute('lang', 'zh-CN');
  await expect(heading).toHaveText(zh('home.title'));
  await expectAccessible(page);

  await page.getByRole('button', { name: `${zh('lang.switch')}: ${zh('lang.en')}` }).click();
  await expect(html).toHaveAttribute('lang', 'en');
  await expect(heading).toHaveText(en('home.title'));
  await expect(page.getByText(en('home.intro'))).toBeVisible();
  await expectAccessible(page, 'in English');

  await page.reload();
  await expect(html).toHaveAttribute('lang', 'en');
  await expect(page.getByText(en('home.intro'))).toBeVisible();

  // Remembered on other pages too, and the switch keeps you where you are.
  await page.goto('/login');
  await expect(html).toHaveAttribute('lang', 'en');
  await expect(heading).toHaveText(en('auth.loginTitle'));
  await expectAccessible(page, 'in English');

  await page.getByRole('button', { name: `${en('lang.switch')}: ${en('lang.zh-CN')}` }).click();
  await expect(page).toHaveURL(/\/login$/);
  await expect(html).toHaveAttribute('lang', 'zh-CN');
  await expect(heading).toHaveText(zh('auth.loginTitle'));
  await page.reload();
  await expect(html).toHaveAttribute('lang', 'zh-CN');
  await expect(heading).toHaveText(zh('auth.loginTitle'));
  await expectAccessible(page);
});
