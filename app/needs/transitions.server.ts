// The steps of a need after it is raised: triage, out of scope, merge, reject, dispatch, progress, resolve, close,
// rate. Each locks the need, checks the state machine (wrong state → 409), writes the step, its timeline event,
// its audit event and its notifications in one transaction.
import { and, eq, inArray, isNull, ne, or, sql } from 'drizzle-orm';
import { db, type Tx } from '../../db/client';
import { needDispatches, needEvents, needProgress, needRatings, needs, type Need } from '../../db/schema';
import { recordAudit } from '../audit/audit.server';
import type { AssigneeType } from './values';
import { actorOf, type Principal } from '../permissions/principal.server';
import type { Permission } from '../permissions/rules';
import { deadlinesFor, serviceLevelFor } from './deadlines';
import { NeedError, requireNeedAccess, resolveNeedPlace, roleFor, dispatchCandidates, type NeedAccess } from './needs.server';
import { notifyNeedStep } from './notify.server';
import { savePhotos, type Photo } from './photos.server';
import { sanitiseSummary } from './sanitise';
import type { z } from 'zod';
import type { dispatchSchema, mergeSchema, outOfScopeSchema, progressSchema, rateSchema, rejectSchema, triageSchema, closeSchema } from './schemas';
import { canTransition, isOpen, nextStatus, type Transition } from './status';
import { categoryKeys } from './settings';
import type { NeedEventKind } from './values';
import { queueSearchUpsert } from '../../search/relay';

interface StepResult {
  set?: Partial<typeof needs.$inferInsert>;
  kind: NeedEventKind;
  data?: Record<string, unknown>;
  note?: string | null;
  also?: (string | null)[];
  /** The role recorded on the timeline, when it is not the one that grants the step's permission. */
  role?: string;
}

const invalid = (field: string, message: string) => new NeedError('invalid', { [field]: [message] });

async function runStep(
  caller: Principal,
  needId: string,
  step: Transition,
  allowed: (a: NeedAccess) => boolean,
  permission: Permission | undefined,
  apply: (tx: Tx, need: Need, access: NeedAccess) => Promise<StepResult>,
  /** A transaction of the caller's to join (batch matching writes many dispatches in one). */
  outer?: Tx,
) {
  // Inside a caller's transaction the access is read through it too (the embedded database has one connection).
  const access = await requireNeedAccess(caller, needId, allowed, outer);
  const body = async (tx: Tx) => {
    const [need] = await tx.select().from(needs).where(eq(needs.id, needId)).for('update');
    if (!canTransition(need.status, step)) throw new NeedError('wrong_state');
    const result = await apply(tx, need, access);
    const status = nextStatus(need.status, step);
    const [after] = await tx
      .update(needs)
      .set({ ...result.set, status })
      .where(and(eq(needs.id, needId), eq(needs.status, need.status)))
      .returning();
    if (!after) throw new NeedError('wrong_state');
    // Every step changes what the public document holds (status, summary, category, urgency, deadline, reply).
    await queueSearchUpsert(tx, 'needs', needId);
    const actor = actorOf(caller);
    await tx.insert(needEvents).values({
      needId,
      kind: result.kind,
      actorUserId: actor.userId,
      onBehalfOfUserId: actor.onBehalfOfUserId,
      actorRole: result.role ?? roleFor(caller, access.placePath, permission),
      fromStatus: need.status,
      toStatus: status,
      data: result.data ?? {},
      note: result.note ?? null,
    });
    await recordAudit(tx, actor, {
      action: `need.${step}`,
      subjectType: 'need',
      subjectId: needId,
      placeId: need.placeId,
      before: { status: need.status },
      after: { status, ...(result.data ?? {}) },
    });
    await notifyNeedStep(tx, { needId, kind: result.kind, actorUserId: caller.user.id, also: result.also });
    return after;
  };
  return outer ? body(outer) : db().transaction(body);
}

const staff = (permission: Permission) => (a: NeedAccess) => a.can(permission);

export function triageNeed(caller: Principal, needId: string, input: z.infer<typeof triageSchema>) {
  return runStep(caller, needId, 'triage', staff('need.triage'), 'need.triage', async (tx, need) => {
    const place = await resolveNeedPlace(tx, need.placeId);
    if (!place || !categoryKeys(place.communitySettings).includes(input.category)) throw invalid('category', 'needs.v.category');
    const level = serviceLevelFor(place.communitySettings.serviceLevels, input.category, input.urgency);
    return {
      set: {
        category: input.category,
        urgency: input.urgency,
        needType: input.needType,
        publicSummary: sanitiseSummary(input.publicSummary),
        firstRespondedAt: need.firstRespondedAt ?? new Date(),
        // Deadlines always count from when the need was raised: a late triage does not buy time.
        ...deadlinesFor(need.raisedAt, level),
      },
      kind: 'triaged',
      data: { category: input.category, urgency: input.urgency, needType: input.needType },
      note: input.note ?? null,
    };
  });
}

export function markOutOfScope(caller: Principal, needId: string, input: z.infer<typeof outOfScopeSchema>) {
  return runStep(caller, needId, 'out_of_scope', staff('need.triage'), 'need.triage', async (_tx, need) => ({
    set: { reply: input.reply, firstRespondedAt: need.firstRespondedAt ?? new Date(), resolvedAt: new Date() },
    kind: 'out_of_scope',
    data: { reply: input.reply },
  }));
}

export function rejectNeed(caller: Principal, needId: string, input: z.infer<typeof rejectSchema>) {
  return runStep(caller, needId, 'reject', staff('need.triage'), 'need.triage', async (_tx, need) => ({
    set: { reply: input.reason, firstRespondedAt: need.firstRespondedAt ?? new Date(), resolvedAt: new Date() },
    kind: 'rejected',
    data: { reason: input.reason },
  }));
}

export function mergeNeed(caller: Principal, needId: string, input: z.infer<typeof mergeSchema>) {
  return runStep(caller, needId, 'merge', staff('need.triage'), 'need.triage', async (tx, need, access) => {
    if (input.intoNeedId === need.id) throw invalid('intoNeedId', 'needs.v.mergeSelf');
    const [kept] = await tx.select().from(needs).where(eq(needs.id, input.intoNeedId)).for('update');
    // Only into an open need of the same community: staff cannot move a need where they have no say.
    if (!kept || kept.communityId !== need.communityId || !isOpen(kept.status)) throw invalid('intoNeedId', 'needs.v.mergeTarget');
    // Needs already merged into this one follow it to the kept need, so nobody is left pointing at a closed file.
    await tx.update(needs).set({ mergedIntoId: kept.id }).where(and(eq(needs.mergedIntoId, need.id), ne(needs.id, kept.id)));
    const actor = actorOf(caller);
    await tx.insert(needEvents).values({
      needId: kept.id,
      kind: 'merged_in',
      actorUserId: actor.userId,
      onBehalfOfUserId: actor.onBehalfOfUserId,
      actorRole: roleFor(caller, access.placePath, 'need.triage'),
      data: { needId: need.id },
    });
    return {
      set: { mergedIntoId: kept.id, firstRespondedAt: need.firstRespondedAt ?? new Date() },
      kind: 'merged',
      data: { intoNeedId: kept.id },
      note: input.note ?? null,
    };
  });
}

export function dispatchNeed(caller: Principal, needId: string, input: z.infer<typeof dispatchSchema>) {
  return runStep(caller, needId, 'dispatch', staff('need.dispatch'), 'need.dispatch', async (tx, need) => {
    const place = await resolveNeedPlace(tx, need.placeId);
    const candidates = await dispatchCandidates(place!.communityPath, tx);
    const known = (id: string | undefined) => Boolean(id && candidates.some((c) => c.id === id));
    if (input.assigneeType === 'person' && !known(input.assigneeUserId)) throw invalid('assigneeUserId', 'needs.v.person');
    if (!known(input.responsibleUserId)) throw invalid('responsibleUserId', 'needs.v.person');
    if (input.quantity !== undefined && need.quantity !== null) {
      const [{ claimed }] = await tx
        .select({ claimed: sql<number>`coalesce(sum(coalesce(${needDispatches.quantity}, ${need.quantity})), 0)::int` })
        .from(needDispatches)
        .where(and(eq(needDispatches.needId, needId), isNull(needDispatches.withdrawnAt)));
      if (Number(claimed) + input.quantity > need.quantity) throw invalid('quantity', 'needs.v.overClaimed');
    }
    const [dispatch] = await tx
      .insert(needDispatches)
      .values({
        needId,
        assigneeType: input.assigneeType,
        assigneeUserId: input.assigneeType === 'person' ? input.assigneeUserId! : null,
        assigneeName: input.assigneeType === 'person' ? null : input.assigneeName!,
        responsibleUserId: input.responsibleUserId,
        quantity: input.quantity ?? null,
        dispatchedByUserId: caller.user.id,
      })
      .returning();
    return {
      set: { responsibleUserId: input.responsibleUserId, firstRespondedAt: need.firstRespondedAt ?? new Date() },
      kind: 'dispatched',
      data: { dispatchId: dispatch.id, assigneeType: input.assigneeType, ...(input.assigneeType === 'person' ? {} : { assigneeName: input.assigneeName }), quantity: input.quantity ?? null },
      note: input.note ?? null,
      also: [input.assigneeUserId ?? null, input.responsibleUserId],
    };
  });
}

export interface ResourceDispatchInput {
  /** The resource-list entry (volunteer, team, organisation or offer) the need goes to. */
  resourceId: string;
  assigneeType: AssigneeType;
  /** The volunteer's account, for a volunteer; null for teams, organisations and offers. */
  assigneeUserId: string | null;
  /** The name shown for a team, organisation or offer (kept as it was when dispatched). */
  assigneeName: string | null;
  /** The person answerable: the volunteer, the team's leader, the organisation's or offer's contact person. */
  responsibleUserId: string;
  quantity: number | null;
  note?: string | null;
  /** Where the decision came from, kept on the timeline: a suggestion accepted, or a batch proposal approved. */
  via: 'suggestion' | 'batch';
}

/**
 * Dispatch to a resource-list entry (matching). The service that calls it has settled who the candidate is and
 * who answers for it; here the need's state and its unclaimed quantity are checked under the need's lock.
 * Pass `tx` to write it inside a larger transaction (a batch approval); the dispatch row is returned.
 */
export async function dispatchNeedToResource(caller: Principal, needId: string, input: ResourceDispatchInput, tx?: Tx) {
  let dispatchId = '';
  const need = await runStep(
    caller,
    needId,
    'dispatch',
    staff('need.dispatch'),
    'need.dispatch',
    async (t, need) => {
      if (input.quantity !== null && need.quantity !== null) {
        const [{ claimed }] = await t
          .select({ claimed: sql<number>`coalesce(sum(coalesce(${needDispatches.quantity}, ${need.quantity})), 0)::int` })
          .from(needDispatches)
          .where(and(eq(needDispatches.needId, needId), isNull(needDispatches.withdrawnAt)));
        if (Number(claimed) + input.quantity > need.quantity) throw invalid('quantity', 'needs.v.overClaimed');
      }
      const [dispatch] = await t
        .insert(needDispatches)
        .values({
          needId,
          assigneeType: input.assigneeType,
          assigneeUserId: input.assigneeUserId,
          assigneeName: input.assigneeType === 'person' ? null : input.assigneeName,
          assigneeResourceId: input.resourceId,
          responsibleUserId: input.responsibleUserId,
          quantity: input.quantity,
          dispatchedByUserId: caller.user.id,
        })
        .returning();
      dispatchId = dispatch.id;
      return {
        set: { responsibleUserId: input.responsibleUserId, firstRespondedAt: need.firstRespondedAt ?? new Date() },
        kind: 'dispatched',
        data: {
          dispatchId: dispatch.id,
          assigneeType: input.assigneeType,
          ...(input.assigneeType === 'person' ? {} : { assigneeName: input.assigneeName }),
          quantity: input.quantity,
          via: input.via,
        },
        note: input.note ?? null,
        also: [input.assigneeUserId, input.responsibleUserId],
      };
    },
    tx,
  );
  return { need, dispatchId };
}

/** Progress is reported by whoever was dispatched (or named responsible), or by staff who may dispatch. */
export function reportProgress(caller: Principal, needId: string, input: z.infer<typeof progressSchema>, photos: Photo[] = []) {
  const step: Transition = input.resolved ? 'resolve' : 'progress';
  const doer = (a: NeedAccess) => a.isAssignee || a.can('need.dispatch');
  return runStep(caller, needId, step, doer, 'need.dispatch', async (tx, need, access) => {
    const [mine] = await tx
      .select({ id: needDispatches.id })
      .from(needDispatches)
      .where(and(eq(needDispatches.needId, needId), isNull(needDispatches.withdrawnAt), or(eq(needDispatches.assigneeUserId, caller.user.id), eq(needDispatches.responsibleUserId, caller.user.id))))
      .limit(1);
    const [report] = await tx.insert(needProgress).values({ needId, dispatchId: mine?.id ?? null, quantity: input.quantity ?? 0, note: input.note, reportedByUserId: caller.user.id }).returning({ id: needProgress.id });
    await savePhotos(tx, needId, report.id, caller.user.id, photos);
    return {
      set: input.resolved ? { resolvedAt: new Date() } : {},
      kind: input.resolved ? 'resolved' : 'progress',
      data: { quantity: input.quantity ?? 0, photos: photos.length },
      note: input.note,
      role: access.isAssignee && !access.can('need.dispatch') ? roleFor(caller, access.placePath) : undefined,
    };
  });
}

/** The requester confirms (or staff for them, marked as such): the need is closed. */
export function closeNeed(caller: Principal, needId: string, input: z.infer<typeof closeSchema>) {
  return runStep(caller, needId, 'close', (a) => a.isRequester || a.can('need.triage'), 'need.triage', async (_tx, _need, access) => ({
    set: { closedAt: new Date() },
    kind: 'closed',
    data: { forRequester: !access.isRequester },
    note: input.note ?? null,
    role: access.isRequester ? (caller.actingFor ? roleFor(caller, access.placePath, 'resident.act_for') : 'resident') : undefined,
  }));
}

/** The requester rates the answer 1–5. Nobody rates work they did: whoever was dispatched, answerable or reported progress. */
export function rateNeed(caller: Principal, needId: string, input: z.infer<typeof rateSchema>) {
  return runStep(caller, needId, 'rate', (a) => a.isRequester, undefined, async (tx, need, access) => {
    const people = [caller.user.id, caller.actingFor?.id].filter((x): x is string => Boolean(x));
    const [did] = await tx
      .select({ id: needDispatches.id })
      .from(needDispatches)
      .where(and(eq(needDispatches.needId, needId), or(inArray(needDispatches.assigneeUserId, people), inArray(needDispatches.responsibleUserId, people))))
      .limit(1);
    const [reported] = await tx
      .select({ id: needProgress.id })
      .from(needProgress)
      .where(and(eq(needProgress.needId, needId), inArray(needProgress.reportedByUserId, people)))
      .limit(1);
    if (did || reported) throw new NeedError('forbidden');
    const inserted = await tx
      .insert(needRatings)
      .values({ needId, stars: input.stars, comment: input.comment ?? null, ratedByUserId: caller.user.id, onBehalfOfUserId: caller.actingFor?.id ?? null })
      .onConflictDoNothing()
      .returning({ id: needRatings.id });
    if (!inserted.length) throw new NeedError('wrong_state');
    // Who delivered is told how it went: ratings feed their reputation.
    const doers = await tx.select({ a: needDispatches.assigneeUserId, r: needDispatches.responsibleUserId }).from(needDispatches).where(eq(needDispatches.needId, need.id));
    return {
      kind: 'rated',
      data: { stars: input.stars },
      note: input.comment ?? null,
      also: doers.flatMap((d) => [d.a, d.r]),
      role: caller.actingFor ? roleFor(caller, access.placePath, 'resident.act_for') : 'resident',
    };
  });
}

