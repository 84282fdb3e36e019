// The Content-Security-Policy as a browser meets it: every script on a page carries the response's own nonce,
// a new one each time, and a script someone slips into the page does not run.
import { expect, expectAccessible, logIn, test } from './playwright-utils';

const scriptNonce = (csp: string) => /script-src[^;]*'nonce-([^']+)'/.exec(csp)?.[1];

test('Every page response has its own script nonce, and the page\'s scripts carry it', async ({ request }) => {
  const seen = new Set<string>();
  for (const path of ['/', '/needs', '/login', '/projects']) {
    const res = await request.get(path);
    expect(res.status()).toBe(200);
    const nonce = scriptNonce(res.headers()['content-security-policy'] ?? '');
    expect(nonce, `nonce in the policy of ${path}`).toBeTruthy();
    seen.add(nonce!);
    const html = await res.text();
    const scripts = [...html.matchAll(/<script\b([^>]*)>/g)].map((m) => m[1]);
    expect(scripts.length, `scripts on ${path}`).toBeGreaterThan(0);
    for (const attributes of scripts) expect(attributes, `a script on ${path}`).toContain(`nonce="${nonce}"`);
  }
  expect(seen.size).toBe(4);
});

test('A script slipped into a page is refused, and the page itself still works', async ({ page, browser }) => {
  await logIn(page, 'staff@fivefold.test');
  await page.goto('/needs');
  await expectAccessible(page);
  // The app's own inline script (Remix's hydration data) ran under the nonce, and the page hydrated.
  expect(await page.evaluate(() => typeof (window as unknown as { __remixContext?: unknown }).__remixContext)).toBe('object');
  expect(await page.evaluate(() => typeof (window as unknown as { __remixRouter?: unknown }).__remixRouter)).toBe('object');

  // A separate page, outside the fixture that fails tests on violations, where one is expected.
  const context = await browser.newContext();
  try {
    const other = await context.newPage();
    await other.goto('/needs');
    const outcome = await other.evaluate(
      () =>
        new Promise<{ ran: boolean; directive: string }>((resolve) => {
          document.addEventListener('securitypolicyviolation', (e) => resolve({ ran: Boolean((window as unknown as { injected?: boolean }).injected), directive: e.effectiveDirective }));
          const s = document.createElement('script');
          s.textContent = 'window.injected = true';
          document.body.append(s);
        }),
    );
    expect(outcome).toEqual({ ran: false, directive: 'script-src-elem' });
    expect(await other.evaluate(() => (window as unknown as { injected?: boolean }).injected ?? false)).toBe(false);
  } finally {
    await context.close();
  }
});
