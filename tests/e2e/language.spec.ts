import { capabilities } from '../../app/i18n/capabilities';
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

test('A page loads only its own language’s messages, of what it shows, and hydrates with the words it was rendered with', async ({ page }) => {
  // React reports a hydration mismatch on the console (and then renders the page again in the browser).
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`);
  });
  // The message chunks are named after their files, app/i18n/messages/<capability>.ts (English) and
  // <capability>.zh.ts (Chinese): `needs-<hash>.js`, `needs.zh-<hash>.js`.
  let bundles: string[] = [];
  page.on('request', (r) => {
    const m = new RegExp(`/_shared/(?:.*/)?(${capabilities.join('|')})(\\.zh)?-[A-Z0-9]+\\.js$`).exec(new URL(r.url()).pathname);
    if (m) bundles.push(m[1] + (m[2] ?? ''));
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
  // The home page's messages are the header's and its own; the needs list's come when a link leads there.
  expect(bundles.sort()).toEqual(['core.zh', 'stats.zh']);
  await followsLinksInPage(zh('nav.needs'), zh('needs.list.title'));
  await expectAccessible(page);
  expect(bundles).toContain('needs.zh');
  expect(bundles.filter((b) => !b.endsWith('.zh')), 'no English on a Chinese page').toEqual([]);
  expect(bundles, 'nothing of pages not visited').not.toContain('shifts.zh');

  bundles = [];
  await page.getByRole('button', { name: `${zh('lang.switch')}: ${zh('lang.en')}` }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(heading).toHaveText(en('needs.list.title'));
  await page.goto('/');
  await followsLinksInPage(en('nav.needs'), en('needs.list.title'));
  await expectAccessible(page, 'in English');
  expect(bundles).toContain('needs');
  expect(bundles.filter((b) => b.endsWith('.zh')), 'no Chinese on an English page').toEqual([]);
  expect(problems).toEqual([]);
});
