import { readSheet } from 'read-excel-file/node';
import { clickNav, en, expect, expectAccessible, logIn, test, zh } from './playwright-utils';

// The needs export's columns in the order of the file, for staff who may read the private ones there.
const NEED_COLUMNS = ['id', 'summary', 'category', 'status', 'urgency', 'community', 'grid', 'raisedAt', 'resolutionDueAt', 'overdue', 'quantity', 'covered', 'delivered', 'resolvedAt', 'closedAt', 'stars', 'contactName', 'phone', 'email', 'address'];

test('Staff open the dashboard, filter it by grid, export the overdue needs and download the file', async ({ page }) => {
  await logIn(page, 'staff@fivefold.test');
  await clickNav(page, zh('nav.dashboard'));
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(zh('stats.dashboard.title'));
  await expect(page.getByText(zh('stats.dashboard.intro', { place: '锦华苑社区' }))).toBeVisible();
  // Every chart is one image with a text alternative, followed by the table behind it (the axes' labels, drawn
  // as SVG inside it, are part of that one image).
  const category = page.getByRole('figure', { name: zh('stats.chart.byCategory') });
  await expect(category.locator('svg[role="img"]')).toHaveAttribute('aria-label', /.+/);
  await expect(category.getByRole('table', { name: zh('stats.chart.byCategory') }).getByRole('rowheader').first()).toBeVisible();
  await expectAccessible(page);

  const grid = page.getByLabel(zh('stats.filter.grid'), { exact: true });
  await grid.selectOption({ index: 1 });
  const gridName = (await grid.locator('option:checked').textContent())!.trim();
  const gridId = await grid.inputValue();
  await page.getByRole('button', { name: zh('stats.filter.show') }).click();
  await expect(page).toHaveURL(new RegExp(`grid=${gridId}`));
  await expect(page.getByText(zh('stats.dashboard.intro', { place: `锦华苑社区 · ${gridName}` }))).toBeVisible();
  // The by-grid table now holds that grid alone.
  const byGrid = page.getByRole('table', { name: zh('stats.chart.byGrid') });
  await expect(byGrid.getByRole('rowheader')).toHaveText([gridName]);
  // The overdue needs of the grid, listed one by one (all of them: the demo has fewer than the 50 shown).
  const overdue = page.getByRole('table', { name: zh('stats.section.overdue'), exact: true });
  await expect(overdue.locator('tbody tr').first()).toBeVisible();
  await expect(page.getByText(zh('stats.overdue.more', { count: 50 }))).toHaveCount(0);
  const shownIds = (await overdue.locator('tbody th a').evaluateAll((links) => links.map((a) => a.getAttribute('href')))).map((href) => href!.replace('/needs/', ''));
  const exportLink = page.getByRole('link', { name: zh('stats.export.overdue') });
  await expect(exportLink).toHaveAttribute('href', new RegExp(`^/exports/needs\\?format=xlsx&community=[0-9a-f-]{36}&grid=${gridId}&overdue=overdue&queue=staff$`));
  await expectAccessible(page, 'one grid');

  const downloading = page.waitForEvent('download');
  await exportLink.click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
  const [header, ...rows] = await readSheet((await download.path())!);
  expect(header).toEqual(NEED_COLUMNS.map((key) => zh(`exports.col.${key}`)));
  const column = (key: string) => NEED_COLUMNS.indexOf(key);
  // Every row an overdue need of that grid, and the same needs the page lists.
  expect(rows).toHaveLength(shownIds.length);
  for (const row of rows) {
    expect(row[column('grid')]).toBe(gridName);
    expect([zh('needs.deadline.overdue'), zh('needs.deadline.very_overdue')]).toContain(row[column('overdue')]);
  }
  expect(rows.map((row) => row[column('id')]).sort()).toEqual([...shownIds].sort());

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
  const chart = page.getByRole('figure', { name: zh('stats.chart.needsTrend') }).locator('svg[role="img"]');
  expect((await chart.boundingBox())!.width).toBeLessThanOrEqual(375);
  await expectAccessible(page, 'phone');
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('Anyone reads a community’s figures in the open and changes the period', async ({ page }) => {
    await page.goto('/');
    await expectAccessible(page);
    await page.getByRole('link', { name: zh('stats.transparency.link') }).first().click();
    await expect(page).toHaveURL(/\/places\/[0-9a-f-]{36}\/transparency$/);
    await expect(page.getByRole('heading', { level: 1 })).toContainText(zh('stats.transparency.title', { place: '' }));
    await expect(page.getByRole('table', { name: zh('stats.section.overdue'), exact: true })).toHaveCount(0);
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
