// Passing the second factor in tests that sign demo staff in through the real login (their key is DEMO_TOTP_SECRET).
import { totpAt } from '../../app/auth/totp';
import { pendingSecondFactor, verifySecondFactor } from '../../app/auth/two-factor.server';
import { DEMO_TOTP_SECRET } from '../../app/auth/two-factor-rules';

/** Types the authenticator's code for a session waiting for it; the next step's code if this one was just used. */
export async function passSecondFactor(cookie: string, secret = DEMO_TOTP_SECRET) {
  const pending = await pendingSecondFactor(new Request('http://localhost/login/two-factor', { headers: { Cookie: cookie } }));
  if (!pending) return;
  for (const ahead of [0, 30_000]) {
    const result = await verifySecondFactor(pending.userId, pending.sessionId, totpAt(secret, Date.now() + ahead));
    if (result.ok) return;
  }
  throw new Error('could not pass the second factor');
}
