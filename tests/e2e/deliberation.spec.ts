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

test('Staff add a member to a reserved seat of the council, and residents see who holds it', async ({ page, browser }) => {
  test.setTimeout(180_000);
  const name = `新市民代表${Date.now() % 100_000}`;
  const migrants = zh('council.seat.migrant_workers');
  await logIn(page, 'staff@fivefold.test');
  await page.goto('/topics');
  await expectAccessible(page);
  await page.locator('main').getByRole('link', { name: '锦华苑社区居民议事会' }).click();
  await expect(page).toHaveURL(/\/councils\/[0-9a-f-]{36}$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('锦华苑社区居民议事会');
  await expectAccessible(page);
  const councilUrl = new URL(page.url()).pathname;

  // The demo's seats for migrant workers are all held: staff reserve one more.
  const seats = page.getByLabel(zh('council.seatsFor', { group: migrants }));
  const held = Number(await seats.inputValue());
  await seats.fill(String(held + 1));
  await page.getByRole('button', { name: zh('council.saveSeats') }).click();
  await expect(page.getByText(zh('council.seatsSaved'))).toBeVisible();
  await expect(page.getByRole('status').getByText(zh('council.unfilledLine', { group: migrants, open: 1 }))).toBeVisible();
  await expectAccessible(page, 'a reserved seat open');

  // A reserved seat goes only to someone staff recorded as of its group.
  const addForm = page.locator('form', { has: page.getByRole('button', { name: zh('council.addMember') }) });
  await addForm.getByLabel(startsWith(zh('council.memberName'))).fill(name);
  await addForm.getByLabel(zh('council.memberSeat')).selectOption('migrant_workers');
  await addForm.getByRole('button', { name: zh('council.addMember') }).click();
  await expect(page.getByText(zh('council.v.outsideGroup'))).toBeVisible();
  await expectAccessible(page, 'the seat refused');
  await addForm.getByLabel(startsWith(zh('council.memberName'))).fill(name);
  await addForm.getByLabel(zh('council.memberSeat')).selectOption('migrant_workers');
  await addForm
    .getByRole('group', { name: zh('council.memberGroups') })
    .getByLabel(migrants)
    .check();
  await addForm.getByRole('button', { name: zh('council.addMember') }).click();
  await expect(page.getByText(zh('council.memberAdded'))).toBeVisible();
  const members = page.locator('section', { has: page.getByRole('heading', { name: zh('council.members'), level: 2 }) });
  await expect(members.getByRole('listitem').filter({ hasText: name })).toContainText(`${name} · ${zh('council.role.member')} · ${migrants}`);
  await expect(page.getByText(zh('council.reservedLine', { group: migrants, filled: held + 1, seats: held + 1 }))).toBeVisible();
  await expect(page.getByText(zh('council.unfilledWarning'))).toHaveCount(0);
  await expectAccessible(page, 'the member added');

  // A resident sees the member's name, role and seat, and none of the forms staff use.
  const resident = await signedIn(browser, 'resident@fivefold.test');
  await resident.goto(councilUrl);
  await expect(resident.getByRole('listitem').filter({ hasText: name })).toContainText(`${name} · ${zh('council.role.member')} · ${migrants}`);
  await expect(resident.getByText(zh('council.reservedLine', { group: migrants, filled: held + 1, seats: held + 1 }))).toBeVisible();
  await expect(resident.getByRole('heading', { name: zh('council.addMember') })).toHaveCount(0);
  await expect(resident.getByRole('heading', { name: zh('council.setSeats') })).toHaveCount(0);
  await expect(resident.getByRole('group', { name: zh('council.memberGroups') })).toHaveCount(0);
  await expect(resident.getByRole('button', { name: zh('council.saveSeats') })).toHaveCount(0);
  await expectAccessible(resident, 'the council as a resident sees it');
  await resident.context().close();
});

test('Staff set up an evaluation panel and add a member by email; the member can score and other residents only see how many are on it', async ({
  page,
  browser,
}) => {
  test.setTimeout(180_000);
  const title = `北门照明效果评估 ${Date.now() % 100_000}`;
  await logIn(page, 'staff@fivefold.test');
  await page.goto('/topics');
  await expectAccessible(page);
  await page
    .locator('main')
    .getByRole('link', { name: zh('panel.new') })
    .click();
  await expect(page).toHaveURL(/\/panels\/new$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(zh('panel.new'));
  await expectAccessible(page);
  await page.getByLabel(startsWith(zh('panel.titleLabel'))).fill(title);
  await page.getByLabel(startsWith(zh('panel.criteriaLabel'))).fill('路灯每晚按时亮起\n居民夜间出行更安全');
  await page.getByRole('button', { name: zh('panel.create') }).click();
  await expect(page.getByText(zh('panel.created'))).toBeVisible();
  await expect(page).toHaveURL(/\/panels\/[0-9a-f-]{36}/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
  await expectAccessible(page);
  const panelUrl = new URL(page.url()).pathname;

  // An email with no account is refused at the field; the volunteer's account is added.
  const email = page.getByLabel(startsWith(zh('panel.memberEmail')));
  await email.fill('nobody-here@fivefold.test');
  await page.getByRole('button', { name: zh('panel.addMember') }).click();
  await expect(page.getByText(zh('panel.v.unknownEmail'))).toBeVisible();
  await expectAccessible(page, 'an unknown email');
  await email.fill('volunteer@fivefold.test');
  await page.getByRole('button', { name: zh('panel.addMember') }).click();
  await expect(page.getByText(zh('panel.memberAdded'))).toBeVisible();
  await expect(page.getByRole('button', { name: zh('panel.removeMemberOf', { name: '陈志强' }) })).toBeVisible();
  await expectAccessible(page, 'the member added');

  // The member finds the scoring form, one field per agreed outcome.
  const member = await signedIn(browser, 'volunteer@fivefold.test');
  await member.goto(panelUrl);
  await expect(member.getByRole('heading', { name: zh('panel.score') })).toBeVisible();
  await expect(member.getByLabel(zh('panel.scoreLabel', { outcome: '路灯每晚按时亮起', max: 5 }))).toBeVisible();
  await expect(member.getByLabel(zh('panel.scoreLabel', { outcome: '居民夜间出行更安全', max: 5 }))).toBeVisible();
  await expectAccessible(member, 'the panel as its member sees it');
  await member.context().close();

  // Another resident sees how many sit on the panel but not who (docs/data-classification.md), and neither the
  // scoring form nor the staff's forms.
  const resident = await signedIn(browser, 'resident@fivefold.test');
  await resident.goto(panelUrl);
  const members = resident.locator('section', { has: resident.getByRole('heading', { name: zh('panel.members') }) });
  await expect(members).toContainText(/成员：\d+ 位。姓名不公开显示/);
  await expect(members).not.toContainText('陈志强');
  await expect(resident.getByRole('heading', { name: zh('panel.score') })).toHaveCount(0);
  await expect(resident.getByRole('button', { name: zh('panel.addMember') })).toHaveCount(0);
  await expect(resident.getByRole('button', { name: zh('panel.publish') })).toHaveCount(0);
  await expectAccessible(resident, 'the panel as a resident sees it');
  await resident.context().close();
});

test('Anyone sees how residents rated an organisation on its profile, and evaluators see it for each bidding organisation', async ({ page, browser }) => {
  test.setTimeout(180_000);
  const org = '云溪社工服务中心';
  await page.goto(`/resources?kind=organisation&q=${encodeURIComponent(org)}`);
  await expectAccessible(page);
  await page.locator('main').getByRole('link', { name: org, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(org);
  const satisfaction = page.locator('section', { has: page.getByRole('heading', { name: zh('satisfaction.org.title'), level: 2 }) });
  await expect(satisfaction.getByText(zh('satisfaction.needs'), { exact: true })).toBeVisible();
  const table = satisfaction.getByRole('table', { name: zh('satisfaction.distribution') });
  await expect(table.getByRole('row')).toHaveCount(6);
  await expect(table.getByRole('rowheader', { name: zh('satisfaction.starsN', { n: 5 }) })).toBeVisible();
  await expectAccessible(page, 'an organisation’s satisfaction');

  const evaluator = await signedIn(browser, 'evaluator@fivefold.test');
  await evaluator.goto('/rounds');
  await expectAccessible(evaluator);
  await evaluator.locator('main').getByRole('link', { name: '2026年云溪街道社区公益创投' }).click();
  await expectAccessible(evaluator);
  await evaluator.goto(`${new URL(evaluator.url()).pathname}/evaluate`);
  await expect(evaluator.getByRole('heading', { level: 1 })).toHaveText(zh('evaluate.title'));
  const perBidder = evaluator.getByRole('heading', { level: 4, name: new RegExp(`${zh('satisfaction.bidder.title', { name: '' })}$`) });
  await expect(perBidder.first()).toBeVisible();
  await expectAccessible(evaluator, 'bidders’ satisfaction in the evaluator workspace');
  await evaluator.context().close();
});
