import type { ActionFunctionArgs } from '@remix-run/node';
import { z } from 'zod';
import { apiError, handleApi, methodNotAllowed, readJson, zodFields } from '../api/errors.server';
import { createApiToken } from '../api/tokens.server';
import { verifyCredentials } from '../auth/accounts.server';
import { hasTwoFactorRole, isEnrolled, verifyTokenSecondFactor } from '../auth/two-factor.server';
import { clientAddress } from '../utils/http.server';

const body = z.object({
  email: z.string({ required_error: 'is required' }).trim().email('must be an email address').max(254),
  password: z.string({ required_error: 'is required' }).min(1, 'is required').max(1024),
  name: z.string().trim().min(1).max(80).default('API'),
  expires_in_days: z.number().int().min(1).max(365).optional(),
  /** The current code of the authenticator app (or a recovery code), for accounts with two-factor sign-in. */
  code: z.string().trim().min(1).max(20).optional(),
});

export const loader = () => methodNotAllowed(['POST']);

export function action({ request }: ActionFunctionArgs) {
  return handleApi(async () => {
    if (request.method !== 'POST') return methodNotAllowed(['POST']);
    const parsed = body.safeParse(await readJson(request));
    if (!parsed.success) return apiError(400, 'validation_failed', 'The request body is not valid.', zodFields(parsed.error));
    const checked = await verifyCredentials(parsed.data, clientAddress(request));
    if (!checked.ok && checked.reason === 'throttled') {
      return apiError(429, 'too_many_requests', 'Too many failed attempts: wait and try again.', undefined, { 'Retry-After': String(checked.retryAfterMinutes * 60) });
    }
    if (!checked.ok) return apiError(401, 'unauthorized', 'The email or password is wrong.');
    // A token is a sign-in: accounts with two-factor sign-in give their code too; roles that require it set it up first.
    if (await isEnrolled(checked.userId)) {
      if (!parsed.data.code) return apiError(401, 'unauthorized', 'This account signs in with two factors: send the current code of its authenticator app as "code".', { code: ['is required'] });
      const second = await verifyTokenSecondFactor(checked.userId, parsed.data.code);
      if (!second.ok && second.reason === 'throttled') return apiError(429, 'too_many_requests', 'Too many wrong codes: wait and try again.', undefined, { 'Retry-After': String(second.retryAfterSeconds) });
      if (!second.ok && second.reason === 'unreadable_secret') {
        return apiError(401, 'unauthorized', 'The key of this account\'s authenticator app cannot be read on this server: send a recovery code as "code", or ask an administrator.', { code: ['cannot be checked'] });
      }
      if (!second.ok) return apiError(401, 'unauthorized', second.reason === 'replayed' ? 'That code has already been used: wait for the next one.' : 'The code is wrong.', { code: ['is wrong'] });
    } else if (await hasTwoFactorRole(checked.userId)) {
      return apiError(403, 'forbidden', 'This account\'s role requires two-factor sign-in: set it up on /account/two-factor first.');
    }
    const created = await createApiToken({ userId: checked.userId }, parsed.data.name, parsed.data.expires_in_days);
    return Response.json(
      { token: created.token, id: created.id, name: created.name, created_at: created.createdAt.toISOString(), expires_at: created.expiresAt?.toISOString() ?? null },
      { status: 201, headers: { 'Cache-Control': 'no-store' } },
    );
  });
}
