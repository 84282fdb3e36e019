// Search in the browser, on the demo street: results follow typing with JavaScript; without it the same page
// works through its GET form; the list pages and the header lead to it. Every page is checked with axe.
import { expect, expectAccessible, test, zh } from './playwright-utils';

const main = (page: import('@playwright/test').Page) => page.locator('main');
const results = (page: import('@playwright/test').Page) => main(page).getByRole('list', { name: zh('search.results.label') });

test('Residents find meal delivery by typing, narrow it to resources and filter by kind', async ({ page }) => {
  await page.goto('/search');
  await expectAccessible(page, 'empty query');
  const box = main(page).getByLabel(zh('search.label'));
  await box.pressSequentially('送餐', { delay: 60 });
  // No button pressed: the page follows the box after a pause, replacing the history entry.
  await expect(page).toHaveURL(/[?&]q=%E9%80%81%E9%A4%90/);
  const first = results(page).getByRole('listitem').first();
  await expect(first.getByRole('link')).toContainText('送餐');
  await expect(first.locator('mark').first()).toHaveText('送餐');
  await expectAccessible(page, 'typed');

  await main(page).getByRole('navigation', { name: zh('search.tabs') }).getByRole('link', { name: new RegExp(`^${zh('search.tab.resources')}`) }).click();
  await expect(page).toHaveURL(/lists=resources/);
  await expect(results(page).getByRole('link', { name: /锦华苑助老送餐队/ })).toBeVisible();
  await expect(results(page).getByText(zh('search.list.needs'), { exact: true })).toHaveCount(0);

  // A facet applies at once with JavaScript.
  await main(page).getByText(zh('search.filters'), { exact: true }).click();
  await main(page).getByRole('group', { name: zh('search.facet.kind') }).getByLabel(new RegExp(`^${zh('resources.kind.team')}`)).check();
  await expect(page).toHaveURL(/kind=team/);
  await expect(results(page).getByRole('listitem')).toHaveCount(1);
  await expect(box).toHaveValue('送餐');
  await expectAccessible(page, 'filtered');

  // The projects tab lists projects only (the demo street has a funding round's projects).
  await page.goto('/search?lists=projects');
  await expect(results(page).getByRole('listitem').first()).toBeVisible();
  const badges = await results(page).locator('.badge').allTextContents();
  expect(new Set(badges)).toEqual(new Set([zh('search.list.projects')]));
  await expectAccessible(page, 'projects');
});

test('The header search box goes to the search page', async ({ page }) => {
  await page.goto('/');
  await expectAccessible(page);
  await page.getByRole('banner').getByRole('searchbox').fill('legal aid');
  await page.getByRole('banner').getByRole('button', { name: zh('nav.search') }).click();
  await expect(page).toHaveURL(/\/search\?q=legal\+aid/);
  // English words find the Chinese items through their categories' English names.
  await expect(results(page).getByRole('link', { name: /法律/ }).first()).toBeVisible();
  await expectAccessible(page);
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('Residents search the needs list, filter and page through the results', async ({ page }) => {
    await page.goto('/needs');
    await expectAccessible(page);
    await main(page).getByRole('searchbox', { name: zh('search.searchThisList') }).fill('老人');
    await main(page).getByRole('search', { name: zh('search.searchThisList') }).getByRole('button', { name: zh('search.submit') }).click();
    await expect(page).toHaveURL(/\/search\?q=%E8%80%81%E4%BA%BA&lists=needs/);
    await expect(results(page).getByRole('listitem')).toHaveCount(20);
    for (const title of await results(page).getByRole('link').allTextContents()) expect(title).toContain('老人');
    await expectAccessible(page, 'results');

    // Filters are a plain form: tick, then apply.
    await main(page).getByText(zh('search.filters'), { exact: true }).click();
    await main(page).getByRole('group', { name: zh('search.facet.urgency') }).getByLabel(new RegExp(`^${zh('needs.urgency.critical')}`)).check();
    await main(page).getByRole('button', { name: zh('search.apply') }).click();
    await expect(page).toHaveURL(/urgency=critical/);
    const items = results(page).getByRole('listitem');
    await expect(items.first()).toBeVisible();
    for (const meta of await items.locator('.meta').allTextContents()) expect(meta).toContain(zh('needs.urgency.critical'));
    await expectAccessible(page, 'filtered');

    // Sorting by newest, and the next page, by links and the form alone.
    await page.goto('/search?q=%E8%80%81%E4%BA%BA&lists=needs');
    await main(page).getByLabel(zh('search.sort')).selectOption('newest');
    await main(page).getByRole('search', { name: zh('search.title') }).getByRole('button', { name: zh('search.submit') }).click();
    await expect(page).toHaveURL(/sort=newest/);
    await main(page).getByRole('link', { name: zh('search.next') }).click();
    await expect(page).toHaveURL(/page=2/);
    await expect(main(page).getByText(zh('search.page', { page: 2, pages: 2 }).slice(0, 4))).toBeVisible();
    await expectAccessible(page, 'page 2');
  });
});
