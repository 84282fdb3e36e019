// Matching in the browser: staff run a community's batch match, look at why each pair was chosen, open a meal
// need and dispatch it to a suggested volunteer or team; then approve a whole proposal and see the needs sent.
import { expect, expectAccessible, logIn, test, zh, clickNav } from './playwright-utils';

const community = `锦华苑社区 (${zh('placeType.community')})`;

async function runMatching(page: import('@playwright/test').Page) {
  await clickNav(page, zh('nav.matching'));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(zh('matching.runs.title'));
  await expectAccessible(page);
  await page.getByLabel(new RegExp(`^${zh('matching.runs.place')}`)).selectOption({ label: community });
  await page.getByRole('button', { name: zh('matching.runs.run') }).click();
  await expect(page.getByText(zh('matching.runs.created'))).toBeVisible();
  await expectAccessible(page);
}

test('Staff see why a volunteer or team fits a meal need and dispatch it from the suggestions', async ({ page }) => {
  test.setTimeout(180_000);
  await logIn(page, 'staff@fivefold.test');
  await runMatching(page);
  // A pair for a meal need, chosen because of the meal-delivery skill.
  const meals = zh('needs.category.meals');
  const mealPair = page.getByTestId('run-pair').filter({ hasText: `能做${meals}：` }).first();
  await expect(mealPair).toBeVisible();
  await mealPair.getByRole('link').first().click();
  await expect(page).toHaveURL(/\/needs\/[0-9a-f-]{36}$/);
  const panel = page.locator('section.suggestions');
  await expect(panel.getByRole('heading', { name: zh('matching.suggestions.title') })).toBeVisible();
  const first = panel.getByTestId('suggestion').first();
  await expect(first.getByText(new RegExp(`^${zh('matching.reason.skills', { category: meals, skills: '' })}.*${zh('resources.skill.meal_delivery')}`))).toBeVisible();
  await expect(first.getByText(/小时有空$/)).toBeVisible();
  await expectAccessible(page, 'need with suggestions');
  const name = (await first.getByRole('heading', { level: 4 }).textContent())!;
  await first.getByRole('button', { name: zh('matching.suggestions.accept', { name }) }).click();
  await expect(page.getByText(zh('matching.done.accept'))).toBeVisible();
  await expect(page.getByText(zh('needs.status.dispatched')).first()).toBeVisible();
  await expectAccessible(page, 'need dispatched from a suggestion');
});

test('Staff approve a batch proposal and the needs are dispatched', async ({ page }) => {
  test.setTimeout(180_000);
  await logIn(page, 'staff@fivefold.test');
  await runMatching(page);
  const pairs = page.getByTestId('run-pair');
  const count = await pairs.count();
  expect(count).toBeGreaterThan(0);
  await page.getByRole('button', { name: zh('matching.run.approveAll') }).click();
  await expect(page.getByRole('status').filter({ hasText: /已写入\d+个派遣/ })).toBeVisible();
  await expect(page.getByText(zh('matching.run.nothing'))).toBeVisible();
  await expectAccessible(page, 'proposal approved');
  const done = pairs.filter({ hasText: zh('matching.run.pairStatus.approved') }).first();
  await done.getByRole('link').first().click();
  await expect(page.getByText(zh('needs.status.dispatched')).first()).toBeVisible();
  await expectAccessible(page, 'need dispatched by the batch');
});
