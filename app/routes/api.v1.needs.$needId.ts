import type { LoaderFunctionArgs } from '@remix-run/node';
import { apiError, handleApi } from '../api/errors.server';
import { needJson } from '../needs/api.server';
import { getPrivateNeed, getPublicNeed, needAccess, publicTimeline } from '../needs/needs.server';
import { getPrincipal } from '../permissions/permissions.server';
import { actorOf } from '../permissions/principal.server';
import { isUuid } from '../utils/http.server';

// One need: public fields and timeline for anyone once it is verified. `?include=private` adds the private side for
// the requester, the staff of its place and the people assigned, and that read is audited.
export function loader({ request, params }: LoaderFunctionArgs) {
  return handleApi(async () => {
    if (!isUuid(params.needId)) return apiError(404, 'not_found', 'Not found.');
    const principal = await getPrincipal(request);
    const access = await needAccess(principal, params.needId.toLowerCase());
    if (!access || !access.canSeePublic) return apiError(404, 'not_found', 'Not found.');
    const wantsPrivate = new URL(request.url).searchParams.get('include') === 'private';
    if (wantsPrivate && !principal) return apiError(401, 'unauthorized', 'A valid bearer token is required.');
    if (wantsPrivate && !access.canReadPrivate) return apiError(403, 'forbidden', 'You may not see the private details of this need.');
    const [need, timeline] = await Promise.all([getPublicNeed(access.need.id), publicTimeline(access.need.id)]);
    const body: Record<string, unknown> = {
      ...needJson(need!),
      timeline: timeline.map((e) => ({ kind: e.kind, role: e.actorRole, status: e.toStatus, at: e.createdAt.toISOString(), data: e.data })),
    };
    if (wantsPrivate && principal) {
      const p = await getPrivateNeed(actorOf(principal), access);
      body.private = {
        title: p.title,
        description: p.description,
        channel: p.channel,
        place: { id: p.placeId, name_zh: p.placeZh, name_en: p.placeEn },
        requester_name: p.requesterName,
        contact: { name: p.contactName, phone: p.phone, email: p.email, address: p.address },
        health_notes: p.healthNotes,
        responsible_name: p.responsibleName,
        dispatches: p.dispatches.map((d) => ({ id: d.id, assignee_type: d.assigneeType, assignee_name: d.assigneeName, responsible_name: d.responsibleName, quantity: d.quantity })),
      };
    }
    return Response.json(body);
  });
}
