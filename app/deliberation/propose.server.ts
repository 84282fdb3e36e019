// Who may propose a topic where, shared by the page and the API: residents in their home community; staff with
// topic.manage in any community of theirs, or from a need of one.
import type { Principal } from '../permissions/principal.server';
import { actorOf } from '../permissions/principal.server';
import { findPlace } from '../permissions/permissions.server';
import { can, scopesFor } from '../permissions/rules';
import { placesWithin } from '../places/places.server';
import { needCommunity } from './needs-link.server';
import { createTopic, homeCommunityOf, raiseTopicFromNeed, type TopicInput } from './topics.server';

export type ProposeOutcome =
  | { ok: true; topicId: string }
  | { ok: false; status: 403 | 404 | 422; fields: Record<string, string[]>; formErrors?: string[] };

export async function proposeContext(principal: Principal) {
  const home = await homeCommunityOf(principal.actingFor?.id ?? principal.user.id);
  const staffPlaces = await placesWithin(scopesFor(principal.roles, 'topic.manage'), ['community']);
  return { home, staffPlaces };
}

export async function proposeTopic(principal: Principal, v: TopicInput & { placeId?: string; needId?: string }): Promise<ProposeOutcome> {
  const { home, staffPlaces } = await proposeContext(principal);
  const actor = actorOf(principal);
  if (v.needId) {
    const place = await needCommunity(v.needId);
    if (!place) return { ok: false, status: 404, fields: { needId: ['v.invalid'] } };
    if (!can(principal.roles, 'topic.manage', place.path)) return { ok: false, status: 403, fields: {} };
    return { ok: true, topicId: (await raiseTopicFromNeed(actor, v.needId, v)).id };
  }
  if (v.placeId && v.placeId !== home?.id) {
    const place = await findPlace(v.placeId);
    if (!place || !staffPlaces.some((p) => p.id === place.id)) return { ok: false, status: 422, fields: { placeId: ['v.invalid'] } };
    return { ok: true, topicId: (await createTopic(actor, { ...v, place, origin: 'staff', proposedByUserId: principal.user.id })).id };
  }
  if (!home) return { ok: false, status: 422, fields: {}, formErrors: ['topic.noHome'] };
  const topic = await createTopic(actor, { ...v, place: home, origin: 'resident', proposedByUserId: principal.actingFor?.id ?? principal.user.id });
  return { ok: true, topicId: topic.id };
}
