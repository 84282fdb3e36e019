// The shared part of "my team" and "my organisation": invitations by email and membership decisions.
import { z } from 'zod';
import type { Principal } from '../permissions/principal.server';
import { actorOf } from '../permissions/principal.server';
import { parseForm, redirectWithNotice } from '../utils/forms.server';
import { notFound } from '../utils/http.server';
import { hitLimitFor, limits } from '../utils/rate-limit.server';
import { decideMembership, invite, listMembers, listMyGroups } from './members.server';
import { ResourceError } from './resources.server';

export const inviteSchema = z.object({
  intent: z.literal('invite'),
  groupId: z.string().uuid('v.uuid'),
  email: z.string({ required_error: 'v.required' }).trim().email('v.email').max(254),
});
const decideSchema = z.object({ intent: z.literal('decide'), membershipId: z.string().uuid(), decision: z.enum(['accept', 'decline', 'leave']) });

/** The person's groups of one kind; for those they lead, the members and open requests too. */
export async function myGroupsWithMembers(userId: string, kind: 'team' | 'organisation') {
  const groups = await listMyGroups(userId, kind);
  return Promise.all(groups.map(async (g) => ({ ...g, members: g.role === 'leader' && g.status === 'active' ? await listMembers(g.id) : null })));
}

/** Handles the invite and decide intents; returns null for any other intent. */
export async function handleMembershipIntent(request: Request, principal: Principal, path: string) {
  const intent = (await request.clone().formData()).get('intent');
  const actor = { ...actorOf(principal), userId: principal.user.id };
  if (intent === 'invite') {
    const { submission } = await parseForm(request, inviteSchema);
    if (submission.status !== 'success') return submission.reply();
    // An invitation notifies someone else: limited, so a group's page cannot be used to pester people.
    const limited = await hitLimitFor(limits.invite, request, principal);
    if (!limited.ok) return submission.reply({ fieldErrors: { email: ['limits.tooMany'] } });
    try {
      await invite(actor, submission.value.groupId, submission.value.email);
    } catch (e) {
      if (!(e instanceof ResourceError)) throw e;
      if (e.code === 'forbidden' || (e.code === 'not_found' && !e.field)) throw notFound();
      return submission.reply({ fieldErrors: { email: [e.code === 'already_exists' ? 'team.inviteAlready' : 'team.inviteUnknown'] } });
    }
    return redirectWithNotice(path, 'team.invited');
  }
  if (intent === 'decide') {
    const { submission } = await parseForm(request, decideSchema);
    if (submission.status !== 'success') throw notFound();
    try {
      await decideMembership(actor, submission.value.membershipId, submission.value.decision);
    } catch (e) {
      if (!(e instanceof ResourceError)) throw e;
      if (e.code === 'not_found') throw notFound();
      const notice = e.field === 'lastLeader' ? 'team.lastLeader' : 'staffres.alreadyDecided';
      return redirectWithNotice(path, notice);
    }
    return redirectWithNotice(path, 'team.updated');
  }
  return null;
}
