// One zod schema per form and API body of deliberation; messages are message keys.
import { z } from 'zod';
import { percentToPermille } from './rules';
import { ballotChannels, councilRoles, meetingTypes, seatGroups, topicStages, voteUnits, type SeatGroup } from './values';

const text = (max: number) => z.string({ required_error: 'v.required' }).trim().min(1, 'v.required').max(max, 'v.tooLong');
const optionalText = (max: number) => z.string().trim().max(max, 'v.tooLong').optional().default('');
const checkbox = z.preprocess((v) => v === 'on' || v === 'true' || v === true, z.boolean());
const percent = (min0: boolean) =>
  z.string({ required_error: 'v.required' }).transform((v, ctx) => {
    if (min0 && v.trim() === '0') return 0;
    const p = percentToPermille(v);
    if (p === null) {
      ctx.addIssue({ code: 'custom', message: 'deliberation.v.percent' });
      return z.NEVER;
    }
    return p;
  });
/** A datetime-local value read as China Standard Time (UTC+8), where the communities are. */
const localDateTime = z
  .string({ required_error: 'v.required' })
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, 'v.invalid')
  .transform((v) => new Date(`${v}:00+08:00`));

export const topicSchema = z.object({
  title: text(120),
  problem: text(2000),
  suggestion: optionalText(2000),
  placeId: z.string().uuid('v.invalid').optional(),
  needId: z.string().uuid('v.invalid').optional(),
});

export const topicActionSchema = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('comment'), body: text(2000), parentId: z.string().uuid().optional() }),
  z.object({ intent: z.literal('report'), commentId: z.string().uuid(), reason: optionalText(200) }),
  z.object({ intent: z.enum(['restore', 'remove']), commentId: z.string().uuid(), note: optionalText(200) }),
  z.object({ intent: z.enum(['follow', 'unfollow']) }),
  z.object({
    intent: z.literal('move'),
    to: z.enum(topicStages),
    note: optionalText(500),
    plan: optionalText(4000),
    reply: optionalText(1000),
    projectId: z.string().uuid('deliberation.v.project').optional(),
  }),
]);

export const voteSchema = z
  .object({
    placeId: z.string().uuid('v.invalid'),
    topicId: z.string().uuid().optional(),
    question: text(200),
    description: optionalText(4000),
    unit: z.enum(voteUnits),
    threshold: percent(false),
    quorum: percent(true),
    abstentionsCount: checkbox,
    paperCounts: checkbox,
    binding: checkbox,
    withAbstain: checkbox,
    opensAt: localDateTime,
    closesAt: localDateTime,
    options: text(2000).transform((v) =>
      v
        .split(/\r?\n/)
        .map((l) => l.trim())
        .filter(Boolean),
    ),
  })
  .superRefine((v, ctx) => {
    if (v.closesAt <= v.opensAt) ctx.addIssue({ code: 'custom', path: ['closesAt'], message: 'deliberation.v.closesAfterOpens' });
    if (v.options.length < 2) ctx.addIssue({ code: 'custom', path: ['options'], message: 'deliberation.v.twoChoices' });
    if (v.options.length > 10 || v.options.some((o) => o.length > 100)) ctx.addIssue({ code: 'custom', path: ['options'], message: 'v.tooLong' });
  });

export const voteStaffSchema = z.object({ intent: z.enum(['open', 'close', 'cancel']) });

export const ballotSchema = z.object({ optionId: z.string({ required_error: 'deliberation.v.option' }).uuid('deliberation.v.option') });

export const paperBallotSchema = z.object({
  householdId: z.string({ required_error: 'deliberation.v.household' }).uuid('deliberation.v.household'),
  memberId: z.string().uuid('deliberation.v.member').optional(),
  optionId: z.string({ required_error: 'deliberation.v.option' }).uuid('deliberation.v.option'),
  channel: z.enum(ballotChannels).exclude(['online']),
  paperReference: text(60),
});

export const meetingSchema = z.object({
  intent: z.literal('schedule'),
  type: z.enum(meetingTypes),
  title: text(120),
  startsAt: localDateTime,
  location: optionalText(200),
  agenda: optionalText(4000),
});

export const minutesSchema = z.object({ intent: z.literal('minutes'), meetingId: z.string().uuid(), minutes: text(8000) });

const day = z.string({ required_error: 'v.required' }).regex(/^\d{4}-\d{2}-\d{2}$/, 'v.invalid');
const seatCount = z.coerce.number({ invalid_type_error: 'council.v.seats' }).int('council.v.seats').min(0, 'council.v.seats').max(50, 'council.v.seats');
const optionalSeats = z.preprocess((v) => (v === '' || v === undefined ? 0 : v), seatCount);
/** One number field per reserved group (`seats.<group>`), empty meaning none. */
const reservedSeatsShape = {
  local_residents: optionalSeats,
  migrant_workers: optionalSeats,
  elderly: optionalSeats,
  youth: optionalSeats,
  property_owners: optionalSeats,
  merchants: optionalSeats,
} satisfies Record<Exclude<SeatGroup, 'general'>, typeof optionalSeats>;
const termOrder = (v: { termStartsOn: string; termEndsOn: string }, ctx: z.RefinementCtx) => {
  if (v.termEndsOn <= v.termStartsOn) ctx.addIssue({ code: 'custom', path: ['termEndsOn'], message: 'council.v.termOrder' });
};

export const councilSchema = z
  .object({
    placeId: z.string({ required_error: 'v.required' }).uuid('v.invalid'),
    nameZh: text(100),
    nameEn: text(100),
    termStartsOn: day,
    termEndsOn: day,
    seats: z.object(reservedSeatsShape).default({}),
  })
  .superRefine(termOrder);

export const seatsSchema = z.object({ intent: z.literal('seats'), seats: z.object(reservedSeatsShape).default({}) });

export const memberSchema = z
  .object({
    intent: z.literal('member'),
    name: text(60),
    role: z.enum(councilRoles),
    seatGroup: z.enum(seatGroups),
    groups: z.array(z.enum(seatGroups)).default([]),
    termStartsOn: day,
    termEndsOn: day,
  })
  .superRefine(termOrder);

export const endMemberSchema = z.object({ intent: z.literal('endMember'), memberId: z.string().uuid() });

const lines = (max: number, each: number) =>
  z
    .string()
    .optional()
    .default('')
    .transform((v) =>
      v
        .split(/\r?\n/)
        .map((l) => l.trim())
        .filter(Boolean),
    )
    .refine((l) => l.length <= max && l.every((x) => x.length <= each), 'v.tooLong');

export const panelSchema = z
  .object({
    placeId: z.string({ required_error: 'v.required' }).uuid('v.invalid'),
    title: text(120),
    subject: z.string({ required_error: 'panel.v.subjectRequired' }).regex(/^(topic|project):[0-9a-f-]{36}$/i, 'panel.v.subjectRequired'),
    criteria: lines(20, 200),
    maxScore: z.coerce.number({ invalid_type_error: 'panel.v.maxScore' }).int('panel.v.maxScore').min(1, 'panel.v.maxScore').max(100, 'panel.v.maxScore'),
    members: lines(50, 254),
  })
  .superRefine((v, ctx) => {
    if (!v.criteria.length) ctx.addIssue({ code: 'custom', path: ['criteria'], message: 'panel.v.criteriaRequired' });
  });

export const panelMemberSchema = z.object({ intent: z.literal('addMember'), email: z.string({ required_error: 'v.required' }).trim().email('v.email') });
export const panelRemoveSchema = z.object({ intent: z.literal('removeMember'), memberId: z.string().uuid() });
