// Matching (配捐) in the browser: a funder posts and launches a programme for the lane-paving project, a donor reads
// the matching explained on the project's funding page before giving, the treasurer records the donor's cash gift
// (the card path needs Stripe's API, which these machines cannot reach), and the match shows in the public ledger.
import type { Browser } from '@playwright/test';
import { expect, expectAccessible, logIn, startsWith, test, zh } from './playwright-utils';

async function signedIn(browser: Browser, email: string) {
  const context = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const page = await context.newPage();
  await logIn(page, email);
  return page;
}

test('A funder’s matching programme is explained to a donor before giving, and the match shows in the public ledger', async ({ page, browser }) => {
  test.setTimeout(300_000);
  const name = `巷道配捐 ${Date.now()}`;
  const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

  await logIn(page, 'funder@fivefold.test');
  await page.goto('/matching-programmes');
  await expectAccessible(page);
  await page.getByRole('link', { name: zh('mf.new') }).click();
  await expect(page).toHaveURL(/\/matching-programmes\/new$/);
  await expectAccessible(page);
  await page.getByLabel(startsWith(zh('mf.f.nameZh'))).fill(name);
  await page.getByLabel(startsWith(zh('mf.f.nameEn'))).fill('Lane matching');
  await page.getByLabel(startsWith(zh('mf.f.funderZh'))).fill('青川区住建局');
  await page.getByLabel(startsWith(zh('mf.f.funderEn'))).fill('Qingchuan Housing Bureau');
  await page.getByLabel(startsWith(zh('mf.f.pool'))).fill('10000');
  await page.getByLabel(startsWith(zh('mf.f.ratio'))).fill('2:1');
  await page.getByLabel(startsWith(zh('mf.f.perDonorCap'))).fill('500');
  await page.getByLabel(startsWith(zh('mf.f.startsOn'))).fill(today);
  await page.getByLabel(startsWith(zh('mf.f.endsOn'))).fill('2027-12-31');
  const lane = page.getByRole('checkbox', { name: /槐荫里巷道铺路/ });
  const projectId = (await lane.getAttribute('value'))!;
  await lane.check();
  await page.getByRole('button', { name: zh('mf.create') }).click();
  await expect(page.getByText(zh('mf.created'))).toBeVisible();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(name);
  await page.getByRole('button', { name: zh('mf.launch') }).click();
  await expect(page.getByText(zh('mf.launched'))).toBeVisible();
  await expectAccessible(page, 'a launched programme');

  // The donor reads the rules on the project's funding page before giving.
  const donor = await signedIn(browser, 'donor@fivefold.test');
  await donor.goto(`/projects/${projectId}/funding`);
  await expect(donor.getByRole('heading', { name: zh('mf.funding.matching') })).toBeVisible();
  const rules = donor.locator('.card', { has: donor.getByRole('link', { name }) });
  await expect(rules.getByText(zh('mf.x.ratio', { num: 2, den: 1 }))).toBeVisible();
  await expect(rules.getByText(/500\.00/)).toBeVisible();
  await expectAccessible(donor, 'the funding page with the matching explained');
  const ledgerLink = donor.getByRole('link', { name: zh('funds.viewLedger') });
  const fundId = new URL((await ledgerLink.getAttribute('href'))!, 'http://x').searchParams.get('fund')!;

  // The donor gives ¥100 in cash; the treasurer records it with its receipt number.
  const treasurer = await signedIn(browser, 'treasurer@fivefold.test');
  await treasurer.goto(`/funds/${fundId}/record`);
  await treasurer.getByLabel(startsWith(zh('record.method'))).selectOption({ label: zh('method.cash') });
  await treasurer.getByLabel(startsWith(zh('record.amount'))).fill('100');
  await treasurer.getByLabel(startsWith(zh('record.receiptNumber'))).fill(`E2E-${Date.now()}`);
  await treasurer.getByLabel(startsWith(zh('record.donorName'))).fill('林晓东');
  await treasurer.getByLabel(startsWith(zh('mf.giftSource'))).selectOption({ label: zh('mf.sourceLabel.resident') });
  await treasurer.getByRole('button', { name: zh('record.submit') }).click();
  await expect(treasurer.getByText(zh('record.posted'))).toBeVisible();

  // The match is in the public ledger: ¥200 from the new programme's pool into the project's fund.
  await ledgerLink.click();
  const fromPool = donor.getByRole('row', { name: new RegExp(`${name}配捐资金池`) });
  await expect(fromPool.first()).toBeVisible();
  await expect(fromPool.first()).toContainText('200.00');
  await expectAccessible(donor, 'the ledger with the match');
  await donor.goto(`/matching-programmes`);
  await donor.getByRole('link', { name }).click();
  await expect(donor.getByRole('link', { name: '槐荫里巷道铺路' })).toBeVisible();
});
