import { clickNav, en, expect, expectAccessible, test, zh } from './playwright-utils';

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

test('A page loads only its own language’s messages and hydrates with the words it was rendered with', async ({ page }) => {
  // React reports a hydration mismatch on the console (and then renders the page again in the browser).
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`);
  });
  // The message chunks are named after app/i18n/bundle-en.ts and bundle-zh.ts.
  let bundles: string[] = [];
  page.on('request', (r) => {
    const m = /\/bundle-(en|zh)-[^/]*\.js$/.exec(new URL(r.url()).pathname);
    if (m) bundles.push(m[1]);
  });
  const heading = page.getByRole('heading', { level: 1 });
  // Hydrated: a link is followed in the page (the marker survives), not by loading a new document.
  const followsLinksInPage = async (name: string, title: string) => {
    await page.evaluate(() => Object.assign(window, { stillThisDocument: true }));
    await clickNav(page, name);
    await expect(page).toHaveURL(/\/needs$/);
    await expect(heading).toHaveText(title);
    expect(await page.evaluate(() => (window as unknown as { stillThisDocument?: boolean }).stillThisDocument)).toBe(true);
  };

  await page.goto('/');
  await expect(heading).toHaveText(zh('home.title'));
  await expectAccessible(page);
  await followsLinksInPage(zh('nav.needs'), zh('needs.list.title'));
  await expectAccessible(page);
  expect(bundles).toEqual(['zh']);

  bundles = [];
  await page.getByRole('button', { name: `${zh('lang.switch')}: ${zh('lang.en')}` }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(heading).toHaveText(en('needs.list.title'));
  await page.goto('/');
  await followsLinksInPage(en('nav.needs'), en('needs.list.title'));
  await expectAccessible(page, 'in English');
  expect([...new Set(bundles)]).toEqual(['en']);
  expect(problems).toEqual([]);
});
