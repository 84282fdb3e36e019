// A project from needs to delivery in the browser: staff bundle two needs into a project and open a funding round;
// an organisation member bids; an evaluator declares their interests and scores; staff award; once the notice
// period is over (the round's notice is set to 0 days, so no waiting) the project is in progress and its needs show it.
import type { Browser, Page } from '@playwright/test';
import { expect, expectAccessible, logIn, startsWith, test, zh, clickNav } from './playwright-utils';

async function signedIn(browser: Browser, email: string) {
  const context = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const page = await context.newPage();
  await logIn(page, email);
  return page;
}

const today = (days = 0) => new Date(Date.now() + 8 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);
const label = (text: string, n: number) => zh('projects.row', { label: text, n });

async function submitAndSee(page: Page, button: string, notice: string) {
  await page.getByRole('button', { name: button }).click();
  await expect(page.getByText(zh(notice))).toBeVisible();
  await expectAccessible(page);
}

test('Staff turn two needs into a funded project that an organisation bids for, an evaluator scores and staff award', async ({ page, browser }) => {
  test.setTimeout(300_000);
  const title = `锦华苑助浴服务 ${Date.now()}`;
  const roundTitle = `锦华苑助浴微创投 ${Date.now()}`;

  // Staff: a project from two needs.
  await logIn(page, 'staff@fivefold.test');
  await clickNav(page, zh('nav.projects'));
  await expect(page).toHaveURL(/\/projects$/);
  await expectAccessible(page);
  await page.locator('main').getByRole('link', { name: zh('projects.new.title') }).click();
  await expect(page).toHaveURL(/\/projects\/new$/);
  await expectAccessible(page);
  const boxes = page.locator('input[name="needIds"]');
  const needIds = [(await boxes.nth(0).getAttribute('value'))!, (await boxes.nth(1).getAttribute('value'))!];
  await boxes.nth(0).check();
  await boxes.nth(1).check();
  await page.getByLabel(startsWith(zh('projects.field.title'))).fill(title);
  await page.getByLabel(startsWith(zh('projects.field.summary'))).fill('为失能老人提供上门助浴');
  await page.getByLabel(startsWith(zh('projects.field.goals'))).fill('每月两次上门助浴');
  await page.getByLabel(startsWith(zh('projects.field.deliverables'))).fill('服务记录与照片');
  await page.getByLabel(startsWith(zh('projects.field.beneficiaries'))).fill('20位失能老人');
  await page.getByLabel(startsWith(zh('needs.field.category'))).selectOption({ label: zh('needs.category.elderly_care') });
  await page.getByLabel(label(zh('projects.field.lineLabel'), 1)).first().fill('助浴设备');
  await page.getByLabel(label(zh('projects.field.amountYuan'), 1)).first().fill('12,000');
  await submitAndSee(page, zh('projects.new.submit'), 'projects.notice.created');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
  const projectUrl = new URL(page.url()).pathname;

  // Staff: a round for it, opened for bids. Notice of 0 days: the award is final as soon as it is granted.
  await page.goto('/rounds/new');
  await expectAccessible(page);
  await page.getByLabel(startsWith(zh('rounds.field.place'))).selectOption({ label: '锦华苑社区' });
  await page.getByLabel(startsWith(zh('rounds.field.title'))).fill(roundTitle);
  await page.getByLabel(startsWith(zh('rounds.field.callText'))).fill('征集助浴服务的实施方');
  await page.getByLabel(startsWith(zh('rounds.field.budget'))).fill('20000');
  await page.getByLabel(startsWith(zh('rounds.field.opensOn'))).fill(today());
  await page.getByLabel(startsWith(zh('rounds.field.closesOn'))).fill(today(10));
  await page.getByLabel(startsWith(zh('rounds.field.noticeDays'))).fill('0');
  await page.getByLabel(label(zh('rounds.field.criterionZh'), 1)).fill('方案可行性');
  await page.getByLabel(label(zh('rounds.field.criterionEn'), 1)).fill('Feasibility');
  await page.getByLabel(label(zh('rounds.field.weight'), 1)).fill('60');
  await page.getByLabel(label(zh('rounds.field.criterionZh'), 2)).fill('预算合理性');
  await page.getByLabel(label(zh('rounds.field.criterionEn'), 2)).fill('Value for money');
  await page.getByLabel(label(zh('rounds.field.weight'), 2)).fill('40');
  await page.getByRole('checkbox', { name: new RegExp(title) }).check();
  await submitAndSee(page, zh('rounds.new.submit'), 'rounds.notice.created');
  const roundUrl = new URL(page.url()).pathname;
  await submitAndSee(page, zh('rounds.staff.open'), 'rounds.notice.opened');

  // An organisation member bids for their organisation.
  const org = await signedIn(browser, 'org@fivefold.test');
  await org.goto(roundUrl);
  await expectAccessible(org);
  await org.getByRole('link', { name: zh('rounds.bid.link') }).click();
  await expectAccessible(org);
  await org.getByLabel(startsWith(zh('bids.project'))).selectOption({ label: title });
  await org.getByLabel(startsWith(zh('bids.applicantType'))).selectOption({ label: zh('rounds.applicant.registered_org') });
  await org.getByLabel(startsWith(zh('bids.resource'))).selectOption({ label: '云溪社工服务中心' });
  await org.getByLabel(startsWith(zh('bids.plan'))).fill('两名持证护理员每月两次上门助浴，社工全程跟进。');
  await org.getByLabel(label(zh('projects.field.lineLabel'), 1)).first().fill('护理员劳务');
  await org.getByLabel(label(zh('projects.field.amountYuan'), 1)).first().fill('11000');
  await submitAndSee(org, zh('bids.submit'), 'bids.notice.submitted');
  await expect(org.getByText('云溪社工服务中心').first()).toBeVisible();

  // Staff close bidding and assign the evaluator.
  await page.goto(roundUrl);
  await submitAndSee(page, zh('rounds.staff.close'), 'rounds.notice.closed');
  await page.getByLabel(zh('rounds.staff.assignEmail')).fill('evaluator@fivefold.test');
  await submitAndSee(page, zh('rounds.staff.assign'), 'rounds.notice.assigned');

  // The evaluator declares their interests, then scores every criterion with a comment.
  const evaluator = await signedIn(browser, 'evaluator@fivefold.test');
  await evaluator.goto(roundUrl);
  await expectAccessible(evaluator);
  await evaluator.getByRole('link', { name: zh('rounds.evaluate.link') }).click();
  await expectAccessible(evaluator);
  await submitAndSee(evaluator, zh('evaluate.declare.submit'), 'evaluate.notice.declared');
  const bid = evaluator.getByRole('article', { name: new RegExp(title) });
  const scores = bid.getByLabel(zh('evaluate.score', { min: 0, max: 10 }));
  const comments = bid.getByLabel(zh('evaluate.comment'));
  await scores.nth(0).selectOption('8');
  await comments.nth(0).fill('方案具体，人员持证');
  await scores.nth(1).selectOption('7');
  await comments.nth(1).fill('预算合理');
  await submitAndSee(evaluator, zh('evaluate.submit', { name: '云溪社工服务中心' }), 'evaluate.notice.scored');

  // Staff see the weighted ranking, propose the award and grant it.
  await page.goto(roundUrl);
  await expectAccessible(page);
  await expect(page.getByRole('table', { name: zh('rounds.ranking.caption', { project: title }) })).toContainText('76');
  await submitAndSee(page, zh('rounds.ranking.propose', { name: '云溪社工服务中心' }), 'rounds.notice.proposed');
  await submitAndSee(page, zh('rounds.staff.grant', { project: title }), 'rounds.notice.granted');

  // The notice period (0 days) is over: the award is final, the project in progress, and its needs show it.
  await page.goto(projectUrl);
  await expectAccessible(page);
  await expect(page.locator('main').getByText(zh('projects.state.in_progress')).first()).toBeVisible();
  await expect(page.getByText(zh('projects.award.final'))).toBeVisible();
  for (const needId of needIds) {
    await page.goto(`/needs/${needId}`);
    await expectAccessible(page);
    const section = page.locator('section', { has: page.getByRole('heading', { name: zh('projects.need.title') }) });
    await expect(section.getByRole('link', { name: title })).toBeVisible();
    await expect(section).toContainText(zh('projects.state.in_progress'));
  }
});
