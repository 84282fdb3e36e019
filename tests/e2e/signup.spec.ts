import { expect, expectAccessible, fillLogin, startsWith, test, uniqueEmail, zh, openMyMenu } from './playwright-utils';

test('A visitor can sign up and is logged in', async ({ page }) => {
  const email = uniqueEmail();
  await page.goto('/');
  await expectAccessible(page);
  await page.locator('main').getByRole('link', { name: zh('nav.signup') }).click();
  await expect(page).toHaveURL(/\/signup$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(zh('auth.signupTitle'));
  await expectAccessible(page);

  await page.getByLabel(startsWith(zh('auth.name'))).fill('张新邻');
  await page.getByLabel(startsWith(zh('auth.email'))).fill(email);
  await page.getByLabel(startsWith(zh('auth.password'))).fill('a long enough passphrase');
  await page.getByLabel(startsWith(zh('auth.passwordRepeat'))).fill('a long enough passphrase');
  await page.getByRole('button', { name: zh('auth.signupSubmit') }).click();

  await expect(page).toHaveURL(/\/account/);
  await expect(page.getByRole('status').filter({ hasText: zh('auth.signedUp') })).toBeVisible();
  await openMyMenu(page);
  await expect(page.getByRole('button', { name: zh('nav.logout') })).toBeVisible();
  await expectAccessible(page);

  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(zh('home.welcome', { name: '张新邻' }));
  await expectAccessible(page);
});

for (const javaScript of [true, false]) {
  test.describe(javaScript ? 'in a browser running scripts' : 'without JavaScript', () => {
    test.use({ javaScriptEnabled: javaScript });

    test('The signup form says what is wrong and creates no account', async ({ page }) => {
      const email = uniqueEmail('rejected');
      const shortPassword = 'short';
      await page.goto('/signup');
      await expectAccessible(page);

      const nameInput = page.getByLabel(startsWith(zh('auth.name')));
      const emailInput = page.getByLabel(startsWith(zh('auth.email')));
      const passwordInput = page.getByLabel(startsWith(zh('auth.password')));
      const repeatInput = page.getByLabel(startsWith(zh('auth.passwordRepeat')));
      const submit = page.getByRole('button', { name: zh('auth.signupSubmit') });

      await nameInput.fill('试试看');
      await emailInput.fill('not-an-email');
      await passwordInput.fill(shortPassword);
      await repeatInput.fill(shortPassword);
      await submit.click();

      await expect(emailInput).toHaveAttribute('aria-invalid', 'true');
      await expect(emailInput).toHaveAccessibleDescription(zh('v.email'));
      await expect(passwordInput).toHaveAttribute('aria-invalid', 'true');
      await expect(passwordInput).toHaveAccessibleDescription(new RegExp(zh('v.passwordLength')));
      await expect(page).toHaveURL(/\/signup$/);
      await expectAccessible(page, 'with field errors');

      // A valid address alone is not enough: the short password still stops the signup.
      await emailInput.fill(email);
      await passwordInput.fill(shortPassword);
      await repeatInput.fill(shortPassword);
      await submit.click();
      await expect(passwordInput).toHaveAttribute('aria-invalid', 'true');
      await expect(emailInput).not.toHaveAttribute('aria-invalid', 'true');
      await expect(page).toHaveURL(/\/signup$/);
      await expect(page.getByRole('button', { name: zh('nav.logout') })).toHaveCount(0);

      // Nothing was created: those credentials do not log anyone in.
      await page.goto('/login');
      await expectAccessible(page);
      await fillLogin(page, email, shortPassword);
      await expect(page.getByRole('alert')).toHaveText(zh('auth.loginFailed'));
      await expect(page).toHaveURL(/\/login/);
      await expectAccessible(page, 'after a failed login');
    });
  });
}
