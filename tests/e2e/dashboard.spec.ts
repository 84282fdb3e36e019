import { clickNav, en, expect, expectAccessible, logIn, test, zh } from './playwright-utils';

test('Staff open the dashboard and filter it by grid', async ({ page }) => {
  await logIn(page, 'staff@fivefold.test');
  await clickNav(page, zh('nav.dashboard'));
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(zh('stats.dashboard.title'));
  await expect(page.getByText(zh('stats.dashboard.intro', { place: '锦华苑社区' }))).toBeVisible();
  // Every chart is one image with a text alternative, followed by the table behind it.
  const category = page.getByRole('figure', { name: zh('stats.chart.byCategory') });
  await expect(category.getByRole('img')).toHaveAttribute('aria-label', /.+/);
  await expect(category.getByRole('table', { name: zh('stats.chart.byCategory') }).getByRole('rowheader').first()).toBeVisible();
  await expectAccessible(page);

  const grid = page.getByLabel(zh('stats.filter.grid'));
  await grid.selectOption({ index: 1 });
  const gridName = (await grid.locator('option:checked').textContent())!.trim();
  const gridId = await grid.inputValue();
  await page.getByRole('button', { name: zh('stats.filter.show') }).click();
  await expect(page).toHaveURL(new RegExp(`grid=${gridId}`));
  await expect(page.getByText(zh('stats.dashboard.intro', { place: `锦华苑社区 · ${gridName}` }))).toBeVisible();
  // The by-grid table now holds that grid alone.
  const byGrid = page.getByRole('table', { name: zh('stats.chart.byGrid') });
  await expect(byGrid.getByRole('rowheader')).toHaveText([gridName]);
  const overdue = page.getByRole('table', { name: zh('stats.section.overdue') });
  await expect(overdue.getByRole('row').nth(1)).toBeVisible();
  const exportLink = page.getByRole('link', { name: zh('stats.export.overdue') });
  await expect(exportLink).toHaveAttribute('href', new RegExp(`^/exports/needs\\?format=xlsx&community=[0-9a-f-]{36}&grid=${gridId}&overdue=overdue$`));
  await expectAccessible(page, 'one grid');

  await page.getByRole('button', { name: `${zh('lang.switch')}: ${zh('lang.en')}` }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('heading', { level: 2, name: en('stats.section.money') })).toBeVisible();
  await expectAccessible(page, 'in English');
});

test('The dashboard reads on a phone: nothing wider than the screen', async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 740 });
  await logIn(page, 'streetstaff@fivefold.test');
  await page.goto('/dashboard');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(zh('stats.dashboard.title'));
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  const chart = page.getByRole('figure', { name: zh('stats.chart.needsTrend') }).getByRole('img');
  expect((await chart.boundingBox())!.width).toBeLessThanOrEqual(375);
  await expectAccessible(page, 'phone');
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('Anyone reads a community’s figures in the open and changes the period', async ({ page }) => {
    await page.goto('/');
    await page.getByRole('link', { name: zh('stats.transparency.link') }).first().click();
    await expect(page).toHaveURL(/\/places\/[0-9a-f-]{36}\/transparency$/);
    await expect(page.getByRole('heading', { level: 1 })).toContainText(zh('stats.transparency.title', { place: '' }));
    await expect(page.getByRole('table', { name: zh('stats.section.overdue') })).toHaveCount(0);
    await expectAccessible(page);

    // A date the browser's picker would never send, as a hand-edited link might.
    await page.goto(`${page.url()}?from=2026-13-40`);
    await expect(page.getByText(zh('stats.v.date'))).toBeVisible();
    await expect(page.getByLabel(zh('stats.filter.from'))).toHaveAttribute('aria-invalid', 'true');
    await expectAccessible(page, 'with a field error');

    await page.getByLabel(zh('stats.filter.interval')).selectOption('week');
    await page.getByLabel(zh('stats.filter.from')).fill('2026-01-05');
    await page.getByLabel(zh('stats.filter.to')).fill('2026-02-01');
    await page.getByRole('button', { name: zh('stats.filter.show') }).click();
    await expect(page.getByRole('table', { name: zh('stats.chart.needsTrend') }).getByRole('rowheader')).toHaveText(['2026-01-05', '2026-01-12', '2026-01-19', '2026-01-26']);
    await expectAccessible(page, 'by week');
  });
});
