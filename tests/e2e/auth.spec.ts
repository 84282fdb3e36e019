import { expect, expectAccessible, logIn, test, zh, openMyMenu } from './playwright-utils';

test('A resident can log in and log out', async ({ page }) => {
  await logIn(page, 'resident@fivefold.test');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(zh('home.welcome', { name: '李晓梅' }));
  await expect(page.getByRole('link', { name: zh('nav.login') })).toHaveCount(0);

  await openMyMenu(page);
  await page.getByRole('button', { name: zh('nav.logout') }).click();
  await expect(page.getByRole('status')).toHaveText(zh('auth.loggedOut'));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(zh('home.title'));
  await expect(page.getByRole('button', { name: zh('nav.logout') })).toHaveCount(0);
  await expectAccessible(page, 'after logging out');

  // The session is really gone, not just hidden by the page.
  await page.reload();
  await expect(page.getByRole('navigation').getByRole('link', { name: zh('nav.login') })).toBeVisible();
  await expectAccessible(page);
});
