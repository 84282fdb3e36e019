// The life of a need in the browser: a resident raises it, staff triage and dispatch it, a volunteer reports it
// done, the resident closes and rates it, and its timeline shows every step.
import type { Browser, Page } from '@playwright/test';
import { expect, expectAccessible, logIn, startsWith, test, zh, clickNav } from './playwright-utils';

async function signedIn(browser: Browser, email: string) {
  const context = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const page = await context.newPage();
  await logIn(page, email);
  return page;
}

const step = (page: Page, title: string) => page.locator('section', { has: page.getByRole('heading', { name: title, level: 3 }) });

test('A resident’s need is triaged, dispatched, answered, closed and rated, and its timeline shows every step', async ({ page, browser }) => {
  // Four people, a dozen pages, each checked by axe: longer than one page's test.
  test.setTimeout(300_000);
  const title = `独居老人每周需要送餐 ${Date.now()}`;
  await logIn(page, 'resident@fivefold.test');
  await clickNav(page, zh('nav.myNeeds'));
  await expectAccessible(page);
  await page.locator('main').getByRole('link', { name: zh('needs.list.raise') }).click();
  await expect(page).toHaveURL(/\/needs\/new$/);
  await expectAccessible(page);
  await page.getByLabel(startsWith(zh('needs.field.title'))).fill(title);
  await page.getByLabel(startsWith(zh('needs.field.category'))).selectOption({ label: zh('needs.category.meals') });
  await page.getByLabel(startsWith(zh('needs.field.place'))).selectOption({ label: '锦华苑社区 › 第一网格 › 锦华苑一期 › 1号楼' });
  await page.getByLabel(startsWith(zh('needs.field.urgency'))).selectOption({ label: zh('needs.urgency.high') });
  await page.getByLabel(zh('needs.field.quantity'), { exact: true }).fill('5');
  await page.getByLabel(zh('needs.field.phone')).fill('13911112222');
  await page.getByRole('button', { name: zh('needs.new.submit') }).click();
  await expect(page.getByText(zh('needs.raised'))).toBeVisible();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
  await expectAccessible(page);
  const needUrl = new URL(page.url()).pathname;

  await clickNav(page, zh('nav.myNeeds'));
  await expect(page.getByRole('link', { name: title })).toBeVisible();
  await expectAccessible(page, 'my needs with the new need');

  // Staff verify it, then send a volunteer for all 5 meals.
  const staff = await signedIn(browser, 'staff@fivefold.test');
  await clickNav(staff, zh('nav.triage'));
  await expectAccessible(staff);
  await staff.getByRole('link', { name: title }).click();
  await expectAccessible(staff);
  const triage = step(staff, zh('needs.page.triage'));
  await triage.getByLabel(startsWith(zh('needs.field.type'))).selectOption({ label: zh('needs.type.routine') });
  await triage.getByLabel(startsWith(zh('needs.field.summary'))).fill('独居老人每周需要送餐');
  await triage.getByRole('button', { name: zh('needs.page.triage') }).click();
  await expect(staff.getByText(zh('needs.done.triage'))).toBeVisible();
  await expectAccessible(staff, 'triaged');
  const dispatch = step(staff, zh('needs.page.dispatch'));
  await dispatch.getByLabel(startsWith(zh('needs.field.assigneeType'))).selectOption({ label: zh('needs.assignee.person') });
  await dispatch.getByLabel(zh('needs.field.assigneeUser')).selectOption({ label: `陈志强 (${zh('role.volunteer')})` });
  await dispatch.getByLabel(startsWith(zh('needs.field.responsible'))).selectOption({ label: `陈志强 (${zh('role.volunteer')})` });
  await dispatch.getByLabel(zh('needs.field.claimQuantity')).fill('5');
  await dispatch.getByRole('button', { name: zh('needs.page.dispatch') }).click();
  await expect(staff.getByText(zh('needs.done.dispatch'))).toBeVisible();
  await expectAccessible(staff, 'dispatched');

  // The volunteer sees the contact now, and reports the meals delivered.
  const volunteer = await signedIn(browser, 'volunteer@fivefold.test');
  await volunteer.goto(needUrl);
  await expect(volunteer.getByText('13911112222')).toBeVisible();
  await expectAccessible(volunteer);
  const progress = step(volunteer, zh('needs.page.progress'));
  await progress.getByLabel(zh('needs.field.progressQuantity')).fill('5');
  await progress.getByLabel(startsWith(zh('needs.field.note'))).fill('本周5餐已送到');
  await progress.getByLabel(zh('needs.field.resolved')).check();
  await progress.getByRole('button', { name: zh('needs.page.progress') }).click();
  await expect(volunteer.getByText(zh('needs.done.progress'))).toBeVisible();
  await expectAccessible(volunteer, 'resolved');

  // The resident confirms and rates.
  await page.goto(needUrl);
  await expectAccessible(page, 'resolved, for the requester');
  await step(page, zh('needs.page.close')).getByRole('button', { name: zh('needs.page.close') }).click();
  await expect(page.getByText(zh('needs.done.close'))).toBeVisible();
  await expectAccessible(page, 'closed');
  const rate = step(page, zh('needs.page.rate'));
  await rate.getByLabel(zh('needs.page.stars', { stars: 4 })).check();
  await rate.getByLabel(zh('needs.field.comment')).fill('送餐很准时');
  await rate.getByRole('button', { name: zh('needs.page.rate') }).click();
  await expect(page.getByText(zh('needs.done.rate'))).toBeVisible();
  await expectAccessible(page, 'rated');

  const timeline = page.locator('section', { has: page.getByRole('heading', { name: zh('needs.page.timeline') }) }).getByRole('listitem');
  await expect(timeline).toHaveCount(6);
  for (const [i, kind] of ['raised', 'triaged', 'dispatched', 'resolved', 'closed', 'rated'].entries()) await expect(timeline.nth(i)).toContainText(zh(`needs.event.${kind}`));

  // Anyone can see it on the public list now, without its private details.
  const visitor = await (await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai' })).newPage();
  await visitor.goto(needUrl);
  await expect(visitor.getByRole('heading', { level: 1 })).toHaveText('独居老人每周需要送餐');
  await expect(visitor.getByText('13911112222')).toHaveCount(0);
  await expect(visitor.getByText(zh('needs.page.stars', { stars: 4 })).first()).toBeVisible();
  await expectAccessible(visitor, 'public view');
});
