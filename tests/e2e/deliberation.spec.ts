// Residents deciding together in the browser: a resident proposes a topic and comments, staff take it through
// its stages and open a vote, the resident votes and the progress bar moves, staff close the vote and the result
// is published, and the topic becomes a project.
import type { Browser } from '@playwright/test';
import { expect, expectAccessible, logIn, startsWith, test, zh } from './playwright-utils';

async function signedIn(browser: Browser, email: string) {
  const context = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const page = await context.newPage();
  await logIn(page, email);
  return page;
}

test('A resident proposes a topic and comments; staff open a vote; the resident votes and the progress bar moves; the result is published and the topic becomes a project', async ({
  page,
  browser,
}) => {
  test.setTimeout(300_000);
  const title = `小区北门加装夜间照明 ${Date.now()}`;
  await logIn(page, 'resident@fivefold.test');
  await page
    .getByRole('navigation')
    .getByRole('link', { name: zh('nav.topics') })
    .click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(zh('deliberation.title'));
  await expectAccessible(page);
  await page
    .locator('main')
    .getByRole('link', { name: zh('topic.propose') })
    .click();
  await expect(page).toHaveURL(/\/topics\/new$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(zh('topic.propose'));
  await expectAccessible(page);
  await page.getByLabel(startsWith(zh('topic.title'))).fill(title);
  await page.getByLabel(startsWith(zh('topic.problem'))).fill('北门到3号楼的小路晚上很黑，老人走路不安全。');
  await page.getByLabel(zh('topic.suggestion')).fill('加装太阳能路灯。');
  await page.getByRole('button', { name: zh('topic.propose') }).click();
  await expect(page.getByText(zh('topic.proposed'))).toBeVisible();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
  await expectAccessible(page);
  const topicUrl = new URL(page.url()).pathname;

  await page.getByLabel(zh('topic.comment')).fill('支持，晚上回家太黑了。');
  await page.getByRole('button', { name: zh('topic.postComment') }).click();
  await expect(page.getByText(zh('topic.commented'))).toBeVisible();
  await expect(page.getByText('支持，晚上回家太黑了。')).toBeVisible();

  // Staff take the topic through its stages and set up a vote (a low threshold, so one household carries it).
  const staff = await signedIn(browser, 'staff@fivefold.test');
  await staff.goto(topicUrl);
  await expectAccessible(staff);
  for (const stage of ['chosen', 'notice', 'deliberation']) {
    await staff.getByLabel(zh('topic.moveTo'), { exact: true }).selectOption(stage);
    await staff.getByRole('button', { name: zh('topic.move') }).click();
    await expect(staff.getByText(zh('topic.moved'))).toBeVisible();
  }
  await staff.getByRole('link', { name: zh('topic.newVote') }).click();
  await expect(staff).toHaveURL(/\/votes\/new\?topicId=/);
  await expect(staff.getByRole('heading', { level: 1 })).toHaveText(zh('vote.new'));
  await expectAccessible(staff);
  await staff.getByLabel(startsWith(zh('vote.threshold'))).fill('0.5');
  await staff.getByRole('button', { name: zh('vote.new') }).click();
  await expect(staff.getByText(zh('vote.created'))).toBeVisible();
  await expect(staff.getByRole('heading', { level: 1 })).toHaveText(title);
  const voteUrl = new URL(staff.url()).pathname;

  // The resident votes; the progress bar toward the threshold moves from 0 to 1.
  await page.goto(topicUrl);
  await page.getByRole('link', { name: title }).click();
  await expect(page).toHaveURL(new RegExp(`${voteUrl}$`));
  const bar = page.locator('progress').first();
  await expect(bar).toHaveAttribute('value', '0');
  await expectAccessible(page);
  await page.getByLabel(zh('vote.yes'), { exact: true }).check();
  await page.getByRole('button', { name: zh('vote.cast') }).click();
  await expect(page.getByText(zh('vote.castDone'))).toBeVisible();
  await expect(page.getByText(zh('vote.voted'))).toBeVisible();
  await expect(bar).toHaveAttribute('value', '1');
  await expectAccessible(page, 'the vote after voting');

  // Staff close the vote: the result is published with turnout.
  await staff.reload();
  await staff.getByRole('button', { name: zh('vote.close') }).click();
  await expect(staff.getByText(zh('vote.closed'))).toBeVisible();
  await expect(staff.getByText(zh('vote.carried', { option: zh('vote.yes') }))).toBeVisible();
  await expectAccessible(staff, 'the published result');

  // The agreed plan, then implementation: the topic becomes a project.
  await staff.goto(topicUrl);
  await staff.getByLabel(zh('topic.moveTo'), { exact: true }).selectOption('plan');
  await staff.getByLabel(zh('topic.planField')).fill('在北门到3号楼的小路加装6盏太阳能路灯。');
  await staff.getByRole('button', { name: zh('topic.move') }).click();
  await expect(staff.getByText(zh('topic.moved'))).toBeVisible();
  await staff.getByLabel(zh('topic.moveTo'), { exact: true }).selectOption('implementation');
  await staff.getByRole('button', { name: zh('topic.move') }).click();
  await expect(staff.getByText(zh('topic.moved'))).toBeVisible();
  await expect(staff.locator('p', { hasText: zh('topic.project') }).getByRole('link', { name: title })).toHaveAttribute('href', /^\/projects\//);
  await expectAccessible(staff, 'the topic in implementation');
});
