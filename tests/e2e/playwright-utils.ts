// Shared browser-test fixtures: every page a test lands on must pass axe (no serious or critical
// violations), uncaught errors in the page fail the test, and helpers speak the app's own messages.
import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, type Page } from '@playwright/test';
import type { Locale } from '../../app/i18n/locale';
import { translator } from '../../app/i18n/messages';
import { totpAt } from '../../app/auth/totp';
import { DEMO_TOTP_SECRET } from '../../app/auth/two-factor-rules';

export { expect };

export const DEMO_PASSWORD = 'fivefold-demo';

/** The app's own words, so a test reads like the page and survives copy edits. */
export const en = translator('en');
export const zh = translator('zh-CN');
export const t = (locale: Locale) => translator(locale);

type A11yState = { visited: string[]; checked: Set<string>; pageErrors: string[]; cspViolations: string[]; javaScript: boolean };
const states = new WeakMap<Page, A11yState>();

// A page is identified by its path: the query only carries notices and redirect targets.
const pageKey = (url: string) => {
  try {
    return new URL(url).pathname;
  } catch {
    return url;
  }
};

type AxeResults = Awaited<ReturnType<AxeBuilder['analyze']>>;
type Violation = AxeResults['violations'][number];

function describeViolations(url: string, violations: Violation[]) {
  const lines = [`Accessibility violations on ${url}:`];
  for (const v of violations) {
    lines.push('', `  [${v.impact}] ${v.id}: ${v.help}`, `    ${v.helpUrl}`);
    for (const node of v.nodes) {
      lines.push(`    - element: ${node.target.join(' ')}`);
      lines.push(`      html:    ${node.html.replace(/\s+/g, ' ').slice(0, 300)}`);
      const summary = node.failureSummary?.replace(/\s*\n\s*/g, ' | ');
      if (summary) lines.push(`      why:     ${summary}`);
    }
  }
  return lines.join('\n');
}

/**
 * axe runs as a script, so a page shown with JavaScript disabled is checked as a copy: its HTML,
 * scripts removed, served at the same address (so its stylesheets load) in a scripting context.
 */
async function analyzeScriptless(page: Page) {
  const url = page.url();
  const html = (await page.content()).replace(/<script\b[\s\S]*?<\/script>/gi, '').replace(/<link[^>]+rel="modulepreload"[^>]*>/gi, '');
  const browser = page.context().browser();
  if (!browser) throw new Error('no browser to check a scriptless page in');
  const context = await browser.newContext({ javaScriptEnabled: true, locale: 'zh-CN' });
  try {
    const copy = await context.newPage();
    await copy.route((u) => u.href === url, (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html }));
    await copy.goto(url);
    return await new AxeBuilder({ page: copy }).analyze();
  } finally {
    await context.close();
  }
}

/**
 * Runs axe-core on the page as it is now and fails on any serious or critical violation,
 * printing each rule, element and reason. Call it after every page load and after any change
 * that shows new content (e.g. form errors).
 */
export async function expectAccessible(page: Page, label?: string) {
  await page.waitForLoadState('load');
  const url = page.url();
  const state = states.get(page);
  const results = state && !state.javaScript ? await analyzeScriptless(page) : await new AxeBuilder({ page }).analyze();
  const blocking = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  state?.checked.add(pageKey(url));
  const where = label ? `${url} (${label})` : url;
  // Soft: one run reports every page's problems, and the test still fails.
  expect.soft(blocking.map((v) => `${v.impact} ${v.id} on ${v.nodes.length} element(s)`), describeViolations(where, blocking)).toEqual([]);
}

/** Logs in through the login form and lands on the home page. */
export async function logIn(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto('/login');
  await expectAccessible(page);
  await fillLogin(page, email, password);
  await page.waitForURL((url) => url.pathname === '/' || url.pathname === '/login/two-factor');
  if (new URL(page.url()).pathname === '/login/two-factor') await typeSecondFactor(page, email);
  await expect(page).toHaveURL(/\/$/);
  await expectAccessible(page);
}

const STEP_MS = 30_000;
/** The last time step whose code each account used in this run: a code is good once, and a refused one counts. */
const lastStepUsed = new Map<string, number>();

/**
 * The second sign-in step of the demo staff accounts (their authenticator key is DEMO_TOTP_SECRET, as in the README).
 * A code is good once per account, and wrong or replayed codes count towards a limit, so the test remembers which
 * step each account used last and types the code of a later one: the current step's, or the next step's (accepted
 * too), waiting for the step to turn when both are taken.
 */
export async function typeSecondFactor(page: Page, account: string, secret = DEMO_TOTP_SECRET) {
  await expectAccessible(page);
  const tr = t(await pageLocale(page));
  for (let attempt = 0; attempt < 3; attempt++) {
    const earliest = (lastStepUsed.get(account) ?? -1) + 1;
    let current = Math.floor(Date.now() / STEP_MS);
    if (earliest > current + 1) {
      await page.waitForTimeout((earliest - 1) * STEP_MS - Date.now() + 500);
      current = Math.floor(Date.now() / STEP_MS);
    }
    const step = Math.max(current, earliest);
    lastStepUsed.set(account, step);
    await page.getByLabel(startsWith(tr('twoFactor.code'))).fill(totpAt(secret, step * STEP_MS + 1_000));
    const posted = page.waitForResponse((r) => r.request().method() === 'POST');
    await page.locator('main').getByRole('button', { name: tr('twoFactor.verify') }).click();
    await posted;
    await page.waitForURL((url) => url.pathname !== '/login/two-factor', { timeout: 3_000 }).catch(() => {});
    if (new URL(page.url()).pathname !== '/login/two-factor') return;
  }
  throw new Error(`the second sign-in step refused every code for ${account}`);
}

/** Fills and submits the login form in whichever language the page is in. */
export async function fillLogin(page: Page, email: string, password: string) {
  const locale = await pageLocale(page);
  const tr = t(locale);
  await page.getByLabel(startsWith(tr('auth.email'))).fill(email);
  await page.getByLabel(startsWith(tr('auth.password'))).fill(password);
  await page.locator('main').getByRole('button', { name: tr('auth.loginSubmit') }).click();
}

export async function pageLocale(page: Page): Promise<Locale> {
  const lang = await page.locator('html').getAttribute('lang');
  return lang === 'en' ? 'en' : 'zh-CN';
}

/** A label that starts with the text: labels carry a "(required)" marker after the name. */
export const startsWith = (text: string) => new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`);

/** An address no earlier run has used. */
export const uniqueEmail = (prefix = 'visitor') => `${prefix}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@example.org`;

export const test = base.extend<{ a11y: A11yState }>({
  // Automatic for every test: tracks the pages the test lands on, checks the last one, and fails
  // the test if it landed on a page it never checked with expectAccessible.
  a11y: [
    async ({ page, javaScriptEnabled }, use, testInfo) => {
      const state: A11yState = { visited: [], checked: new Set(), pageErrors: [], cspViolations: [], javaScript: javaScriptEnabled };
      states.set(page, state);
      page.on('framenavigated', (frame) => {
        if (frame !== page.mainFrame()) return;
        const key = pageKey(frame.url());
        if (key !== 'about:blank' && state.visited.at(-1) !== key) state.visited.push(key);
      });
      page.on('pageerror', (error) => state.pageErrors.push(`${error.name}: ${error.message}`));
      // Anything the Content-Security-Policy blocked: Chromium logs it, and the page hears a securitypolicyviolation.
      if (javaScriptEnabled) {
        await page.addInitScript(() =>
          document.addEventListener('securitypolicyviolation', (e) => console.warn(`[csp-violation] ${e.effectiveDirective} blocked ${e.blockedURI || 'inline'} at ${e.sourceFile}:${e.lineNumber}`)),
        );
      }
      page.on('console', (message) => {
        const text = message.text();
        if (text.startsWith('[csp-violation]') || /Content Security Policy/i.test(text)) state.cspViolations.push(`${page.url()}: ${text}`);
      });

      await use(state);

      // A test that already failed has told its story; the checks below would only add noise.
      if (testInfo.status !== 'passed') return;
      if (page.url() !== 'about:blank' && !state.checked.has(pageKey(page.url()))) await expectAccessible(page, 'final state');
      const unchecked = [...new Set(state.visited)].filter((key) => !state.checked.has(key));
      expect(unchecked, `pages visited but never checked with expectAccessible: ${unchecked.join(', ')}`).toEqual([]);
      expect(state.pageErrors, 'uncaught errors in the page').toEqual([]);
      expect(state.cspViolations, 'Content-Security-Policy violations').toEqual([]);
    },
    { auto: true },
  ],
});

/** The header's navigation (its landmark is named by nav.main). */
export const headerNav = (page: Page) => page.locator('header.site-header nav');

/**
 * Clicks a link in the header, first opening the menu (更多 / 工作台 / 我的) that holds it, as a person would.
 * Links in a closed menu are hidden, so a test cannot click them by accident.
 */
export async function clickNav(page: Page, name: string) {
  const nav = headerNav(page);
  const link = nav.getByRole('link', { name, exact: true });
  if (!(await link.isVisible())) await nav.locator('details.nav-menu', { has: page.locator('a', { hasText: name }) }).locator('summary').click();
  await link.click();
}

/** Opens the signed-in person's menu (我的): notifications, their pages, account and log out. */
export async function openMyMenu(page: Page) {
  const menu = headerNav(page).locator('details.nav-menu', { has: page.locator('form[action="/logout"]') });
  if (!(await menu.evaluate((d) => (d as HTMLDetailsElement).open))) await menu.locator('summary').click();
}
