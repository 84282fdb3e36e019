import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { z } from 'zod';
import { apiError, handleApi, methodNotAllowed, readJson, zodFields } from '../api/errors.server';
import { camelBody, needErrorResponse, needJson, snakeFields } from '../needs/api.server';
import { getPublicNeed, listPublicNeeds, raiseNeed } from '../needs/needs.server';
import { raiseSchema } from '../needs/schemas';
import { needStatuses, urgencies } from '../needs/values';
import { getPrincipal, requireUser } from '../permissions/permissions.server';
import { raiseLimit } from '../needs/limits.server';

// The public needs list: verified needs, public fields only, for anyone.
const query = z.object({
  category: z.string().max(40).optional(),
  community: z.string().uuid('must be a place id (UUID)').optional(),
  grid: z.string().uuid('must be a place id (UUID)').optional(),
  status: z.enum([...needStatuses, 'open'], { errorMap: () => ({ message: `must be one of ${[...needStatuses, 'open'].join(', ')}` }) }).optional(),
  urgency: z.enum(urgencies, { errorMap: () => ({ message: `must be one of ${urgencies.join(', ')}` }) }).optional(),
  overdue: z.enum(['overdue', 'very_overdue'], { errorMap: () => ({ message: 'must be overdue or very_overdue' }) }).optional(),
  page: z.coerce.number().int().min(1, 'must be 1 or more').default(1),
  per_page: z.coerce.number().int().min(1).max(200, 'must be at most 200').default(50),
});

export function loader({ request }: LoaderFunctionArgs) {
  return handleApi(async () => {
    const parsed = query.safeParse(Object.fromEntries(new URL(request.url).searchParams));
    if (!parsed.success) return apiError(400, 'validation_failed', 'The query is not valid.', zodFields(parsed.error));
    const q = parsed.data;
    const { rows, total } = await listPublicNeeds(
      { category: q.category, communityId: q.community, gridId: q.grid, status: q.status, urgency: q.urgency, overdue: q.overdue },
      { limit: q.per_page, offset: (q.page - 1) * q.per_page },
    );
    return Response.json({ data: rows.map(needJson), page: q.page, per_page: q.per_page, total });
  });
}

// Raising a need through the API needs a token: the caller is the requester, or staff logging it with a channel.
export function action({ request }: ActionFunctionArgs) {
  return handleApi(async () => {
    if (request.method !== 'POST') return methodNotAllowed(['GET', 'POST']);
    await requireUser(request);
    const principal = await getPrincipal(request);
    const parsed = raiseSchema.safeParse(camelBody(await readJson(request)));
    if (!parsed.success) return apiError(400, 'validation_failed', 'The request is not valid.', snakeFields(parsed.error));
    const limited = await raiseLimit(request, principal);
    if (!limited.ok) return apiError(429, 'too_many_requests', 'Too many needs raised in a short time: try again later.', undefined, { 'Retry-After': String(limited.retryAfterSeconds) });
    try {
      const need = await raiseNeed(principal, parsed.data);
      const view = await getPublicNeed(need.id);
      return Response.json(needJson(view!), { status: 201, headers: { Location: `/api/v1/needs/${need.id}` } });
    } catch (error) {
      return needErrorResponse(error);
    }
  });
}
