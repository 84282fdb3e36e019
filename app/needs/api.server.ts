// The needs list in the JSON API: snake_case records (public fields only unless the caller is entitled and asks),
// and one handler shape for every step, which checks who may act before it reads the body.
import type { ActionFunctionArgs } from '@remix-run/node';
import type { z } from 'zod';
import { apiError, handleApi, methodNotAllowed, readJson } from '../api/errors.server';
import { requireUser } from '../permissions/permissions.server';
import type { Principal } from '../permissions/principal.server';
import { isUuid } from '../utils/http.server';
import { needAccess, NeedError, type NeedAccess, type PublicNeed } from './needs.server';

const iso = (d: Date | string | null) => (d === null ? null : d instanceof Date ? d.toISOString() : new Date(d).toISOString());

export function needJson(n: PublicNeed) {
  return {
    id: n.id,
    category: n.category,
    summary: n.summary,
    status: n.status,
    urgency: n.urgency,
    need_type: n.needType,
    beneficiary: n.beneficiary,
    quantity: n.quantity,
    quantity_unit: n.quantityUnit,
    recurrence: n.recurrence,
    wanted_from: n.wantedFrom,
    wanted_until: n.wantedUntil,
    community: { id: n.communityId, name_zh: n.communityZh, name_en: n.communityEn },
    grid: n.gridId ? { id: n.gridId, name_zh: n.gridZh, name_en: n.gridEn } : null,
    escalation_level: n.escalationLevel,
    merged_into_id: n.mergedIntoId,
    reply: n.reply,
    raised_at: iso(n.raisedAt),
    first_response_due_at: iso(n.firstResponseDueAt),
    resolution_due_at: iso(n.resolutionDueAt),
    first_responded_at: iso(n.firstRespondedAt),
    resolved_at: iso(n.resolvedAt),
    closed_at: iso(n.closedAt),
    deadline_state: n.deadlineState,
    fulfilment: { covered: Number(n.covered), delivered: Number(n.delivered) },
    rating: n.stars === null ? null : Number(n.stars),
  };
}

const snake = (s: string) => s.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
const camel = (s: string) => s.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

export function camelBody(body: unknown): Record<string, unknown> {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return {};
  return Object.fromEntries(Object.entries(body).map(([k, v]) => [camel(k), v]));
}

export function snakeFields(error: z.ZodError): Record<string, string[]> {
  const fields: Record<string, string[]> = {};
  for (const issue of error.issues) (fields[snake(String(issue.path[0] ?? '_'))] ??= []).push(issue.message);
  return fields;
}

export function needErrorResponse(error: unknown) {
  if (!(error instanceof NeedError)) throw error;
  switch (error.code) {
    case 'not_found':
      return apiError(404, 'not_found', 'Not found.');
    case 'forbidden':
      return apiError(403, 'forbidden', 'You do not have permission to do this.');
    case 'wrong_state':
      return apiError(409, 'conflict', 'This step is not possible in the need’s current status.');
    case 'invalid':
      return apiError(400, 'validation_failed', 'The request is not valid.', Object.fromEntries(Object.entries(error.fields).map(([k, v]) => [snake(k), v])));
  }
}

/**
 * POST /api/v1/needs/{id}/<step>: 401 without a token, 404 for a need the caller may not know of, 403 for the
 * wrong role (before the body is read), 400 for bad input, 409 from the wrong state, else the need.
 */
export function stepAction<S extends z.ZodTypeAny>(
  schema: S | ((body: Record<string, unknown>) => S),
  allowed: (a: NeedAccess) => boolean,
  run: (p: Principal, needId: string, input: z.infer<S>) => Promise<unknown>,
  respond: (needId: string) => Promise<Response>,
) {
  return ({ request, params }: ActionFunctionArgs) =>
    handleApi(async () => {
      if (request.method !== 'POST') return methodNotAllowed(['POST']);
      const principal = await requireUser(request);
      const needId = params.needId;
      if (!isUuid(needId)) return apiError(404, 'not_found', 'Not found.');
      const access = await needAccess(principal, needId.toLowerCase());
      if (!access || !access.canSeePublic) return apiError(404, 'not_found', 'Not found.');
      if (!allowed(access)) return apiError(403, 'forbidden', 'You do not have permission to do this.');
      const body = camelBody(await readJson(request));
      const parsed = (typeof schema === 'function' ? schema(body) : schema).safeParse(body);
      if (!parsed.success) return apiError(400, 'validation_failed', 'The request is not valid.', snakeFields(parsed.error));
      try {
        await run(principal, access.need.id, parsed.data);
      } catch (error) {
        return needErrorResponse(error);
      }
      return respond(access.need.id);
    });
}
