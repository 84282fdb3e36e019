// The resource list in the browser: a volunteer fills a profile and joins a team; an organisation is verified
// and appears on the public list; a business posts a venue that residents book once per slot.
import type { Browser } from '@playwright/test';
import { expect, expectAccessible, logIn, startsWith, test, zh, clickNav } from './playwright-utils';

async function signedIn(browser: Browser, email: string) {
  const context = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const page = await context.newPage();
  await logIn(page, email);
  return page;
}

const COMMUNITY1 = '\u3000锦华苑社区';

test('A volunteer fills a profile and joins a team', async ({ page, browser }) => {
  test.setTimeout(180_000);
  const name = `周末帮手${Date.now() % 100000}`;
  await logIn(page, 'donor@fivefold.test');
  await clickNav(page, zh('nav.myProfile'));
  await expect(page).toHaveURL(/\/my\/profile$/);
  await expectAccessible(page);
  await page.getByLabel(startsWith(zh('profile.displayName'))).fill(name);
  await page.getByLabel(startsWith(zh('profile.home'))).selectOption({ label: COMMUNITY1 });
  await page.getByLabel(zh('resources.skill.meal_delivery'), { exact: true }).check();
  await page.getByLabel(zh('resources.skill.driving'), { exact: true }).check();
  await page.getByLabel(`${zh('resources.day.5')} ${zh('resources.part.morning')}`).check();
  await page.getByLabel(startsWith(zh('profile.maxHours'))).fill('5');
  await page.getByRole('button', { name: zh('form.save') }).click();
  await expect(page.getByText(zh('profile.saved'))).toBeVisible();
  await expectAccessible(page, 'saved');

  // On the public list by display name and skills.
  await clickNav(page, zh('nav.resources'));
  await page.getByLabel(zh('resources.filter.q')).fill(name);
  await page.getByRole('button', { name: zh('resources.filter.apply') }).click();
  await expect(page.getByRole('link', { name })).toBeVisible();
  await expect(page.getByText('林晓东')).toHaveCount(0);
  await expectAccessible(page, 'search');

  // Asks to join a team.
  await page.getByLabel(zh('resources.filter.q')).fill('锦华苑助老送餐队');
  await page.getByRole('button', { name: zh('resources.filter.apply') }).click();
  await page.getByRole('link', { name: '锦华苑助老送餐队' }).click();
  await expectAccessible(page);
  await page.getByRole('button', { name: zh('resources.join') }).click();
  await expect(page.getByText(zh('resources.joinRequested'))).toBeVisible();
  await expectAccessible(page, 'asked');

  // The leader accepts.
  const lead = await signedIn(browser, 'teamlead@fivefold.test');
  await lead.goto('/my/team');
  await expectAccessible(lead);
  await lead.getByRole('button', { name: `${zh('team.accept')}: 林晓东` }).click();
  await expect(lead.getByText(zh('team.updated'))).toBeVisible();
  await expectAccessible(lead, 'accepted');

  await page.goto('/my/team');
  const team = page.locator('section', { has: page.getByRole('heading', { name: '锦华苑助老送餐队' }) });
  await expect(team.getByText(zh('resources.membership.active'))).toBeVisible();
  await expectAccessible(page, 'member');
});

test('An organisation is verified by street staff and then appears on the public list', async ({ page, browser }) => {
  test.setTimeout(180_000);
  const orgName = `云溪睦邻中心${Date.now() % 100000}`;
  await logIn(page, 'org@fivefold.test');
  await page.goto('/my/organisation');
  await expectAccessible(page);
  await page.getByLabel(startsWith(zh('org.name'))).fill(orgName);
  await page.getByLabel(startsWith(zh('org.base'))).selectOption({ label: COMMUNITY1 });
  await page.getByLabel(startsWith(zh('org.registrationStatus'))).selectOption({ label: zh('resources.registration.informal') });
  await page.getByLabel(zh('resources.category.elderly_care'), { exact: true }).check();
  await page.getByRole('button', { name: zh('org.register') }).click();
  await expect(page.getByText(zh('org.registered'))).toBeVisible();
  await expectAccessible(page, 'registered');

  // Not public yet.
  const visitor = await (await browser.newContext({ locale: 'zh-CN' })).newPage();
  await visitor.goto(`/resources?kind=organisation&q=${encodeURIComponent(orgName)}`);
  await expect(visitor.getByText(zh('resources.none'))).toBeVisible();
  await expectAccessible(visitor);

  const street = await signedIn(browser, 'streetstaff@fivefold.test');
  await clickNav(street, zh('nav.verifications'));
  await expectAccessible(street);
  await street.getByRole('link', { name: orgName }).click();
  await expectAccessible(street);
  await street.getByRole('button', { name: zh('staffres.verifyOrg') }).click();
  await expect(street.getByText(zh('staffres.verified'))).toBeVisible();
  await expectAccessible(street, 'verified');

  await visitor.reload();
  await expect(visitor.getByRole('link', { name: orgName })).toBeVisible();
  await expectAccessible(visitor, 'listed');
});

test('A business posts a venue that residents can book once per slot', async ({ page, browser }) => {
  test.setTimeout(180_000);
  const venue = `街角书店阅读角${Date.now() % 100000}`;
  await logIn(page, 'donor@fivefold.test');
  await page.goto('/resources');
  await expectAccessible(page);
  await page.getByRole('link', { name: zh('resources.postOffer') }).click();
  await expect(page).toHaveURL(/\/resources\/new$/);
  await expectAccessible(page);
  await page.getByLabel(startsWith(zh('resources.new.kind'))).selectOption({ label: zh('resources.kind.venue') });
  await page.getByLabel(startsWith(zh('resources.new.name'))).fill(venue);
  await page.getByLabel(startsWith(zh('resources.new.place'))).selectOption({ label: COMMUNITY1 });
  await page.getByLabel(startsWith(zh('resources.new.providerType'))).selectOption({ label: zh('resources.provider.business') });
  await page.getByLabel(startsWith(zh('resources.new.providerName'))).fill('街角书店');
  await page.getByLabel(startsWith(zh('resources.capacity'))).fill('10');
  for (const d of [0, 1, 2, 3, 4, 5, 6]) await page.getByLabel(zh(`resources.day.${d}`), { exact: true }).check();
  await page.getByLabel(startsWith(zh('resources.new.opens'))).fill('09:00');
  await page.getByLabel(startsWith(zh('resources.new.closes'))).fill('12:00');
  await page.getByLabel(startsWith(zh('resources.slotMinutes'))).fill('60');
  await page.getByRole('button', { name: zh('form.submit') }).click();
  await expect(page.getByText(zh('resources.new.created'))).toBeVisible();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(venue);
  await expectAccessible(page, 'posted');
  const venueUrl = new URL(page.url()).pathname;

  // A resident books the first free slot.
  const resident = await signedIn(browser, 'resident@fivefold.test');
  await resident.goto(venueUrl);
  await expectAccessible(resident);
  const free = resident.locator('input[name="slotStart"]:not([disabled])').first();
  const slot = await free.getAttribute('value');
  await free.check();
  await resident.getByLabel(startsWith(zh('resources.book.purpose'))).fill('读书会');
  await resident.getByLabel(startsWith(zh('resources.book.attendees'))).fill('6');
  await resident.getByRole('button', { name: zh('resources.book.submit') }).click();
  await expect(resident.getByText(zh('resources.book.booked'))).toBeVisible();
  await expect(resident.locator(`input[value="${slot}"]`)).toBeDisabled();
  await expectAccessible(resident, 'booked');

  // Another resident sees it taken and cannot book it.
  const other = await signedIn(browser, 'volunteer001@fivefold.test');
  await other.goto(venueUrl);
  await expect(other.locator(`input[value="${slot}"]`)).toBeDisabled();
  await expectAccessible(other);

  // The business sees the booking.
  await page.reload();
  await expect(page.getByRole('cell', { name: '读书会' })).toBeVisible();
  await expectAccessible(page, 'bookings');
});
