// Shifts' and hours' part of the OpenAPI document (merged into app/api/openapi.ts).
import { checkTypes, skills } from '../resources/values';
import { cancelReasons, hoursSources, hoursStatuses, shiftRecurrences, shiftStatuses, shiftTimings } from './values';

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const uuid = { type: 'string', format: 'uuid' };
const area = { type: 'object', nullable: true, required: ['id', 'name_zh', 'name_en'], properties: { id: uuid, name_zh: { type: 'string' }, name_en: { type: 'string' } } };
const json = (schema: unknown) => ({ 'application/json': { schema } });
const err = (name: string) => ({ $ref: `#/components/responses/${name}` });
const conflict = { description: 'Refused; `fields.reason` says why (e.g. full, clash, missing_check, cutoff).', content: json(ref('Error')) };
const shiftIdParam = { name: 'shiftId', in: 'path', required: true, schema: uuid };

export const shiftSchemas = {
  Shift: {
    type: 'object',
    description: 'A volunteer shift as the public sees it: role, spots left, place (community level and a public meeting point), time. Never who signed up.',
    required: ['id', 'title', 'role', 'spots', 'booked', 'free_spots', 'waitlisted', 'skills', 'required_checks', 'community', 'timing', 'starts_at', 'ends_at', 'status'],
    properties: {
      id: uuid,
      title: { type: 'string' },
      description: { type: 'string' },
      role: { type: 'string' },
      spots: { type: 'integer' },
      booked: { type: 'integer' },
      free_spots: { type: 'integer' },
      waitlisted: { type: 'integer' },
      waitlist_limit: { type: 'integer' },
      skills: { type: 'array', items: { type: 'string', enum: [...skills] } },
      required_checks: { type: 'array', items: { type: 'string', enum: [...checkTypes] } },
      place: area,
      community: area,
      location: { type: 'string', description: 'A public meeting point.' },
      need_id: { ...uuid, nullable: true },
      project_id: { ...uuid, nullable: true },
      organisation: { type: 'object', nullable: true, properties: { id: uuid, name: { type: 'string', nullable: true } } },
      timing: { type: 'string', enum: [...shiftTimings], description: 'fixed: runs from starts_at to ends_at; window: the work may be done any time within it.' },
      starts_at: { type: 'string', format: 'date-time' },
      ends_at: { type: 'string', format: 'date-time' },
      duration_minutes: { type: 'integer', nullable: true },
      recurrence: { type: 'string', enum: [...shiftRecurrences] },
      series_id: { ...uuid, nullable: true, description: 'Shared by the occurrences of a weekly shift.' },
      teams_allowed: { type: 'boolean' },
      cancel_cutoff_hours: { type: 'integer' },
      status: { type: 'string', enum: [...shiftStatuses] },
      my_signup: {
        type: 'object',
        nullable: true,
        description: 'Only for a signed-in caller: their own sign-up.',
        properties: { id: uuid, status: { type: 'string' }, position: { type: 'integer', nullable: true }, confirmed: { type: 'boolean' }, checked_in_at: { type: 'string', format: 'date-time', nullable: true }, checked_out_at: { type: 'string', format: 'date-time', nullable: true } },
      },
    },
  },
  NewShift: {
    type: 'object',
    required: ['title', 'role', 'spots', 'place_id', 'date', 'start_time', 'end_time'],
    description: 'Times are local Asia/Shanghai. A weekly shift (recurrence weekly, weeks 2–26) creates one shift per week, each with its own spots.',
    properties: {
      title: { type: 'string', maxLength: 120 },
      description: { type: 'string', maxLength: 2000 },
      role: { type: 'string', maxLength: 60 },
      spots: { type: 'integer', minimum: 1, maximum: 500 },
      waitlist_limit: { type: 'integer', minimum: 0, maximum: 500, default: 20 },
      skills: { type: 'array', items: { type: 'string', enum: [...skills] } },
      required_checks: { type: 'array', items: { type: 'string', enum: [...checkTypes] } },
      place_id: uuid,
      location: { type: 'string', maxLength: 200 },
      need_id: uuid,
      project_id: uuid,
      organisation_id: { ...uuid, description: 'A team or organisation of the resource list; hours are recorded under it.' },
      timing: { type: 'string', enum: [...shiftTimings], default: 'fixed' },
      date: { type: 'string', format: 'date' },
      start_time: { type: 'string', example: '09:30' },
      end_time: { type: 'string', example: '11:30' },
      end_date: { type: 'string', format: 'date', description: 'Window shifts: the last day of the window.' },
      duration_minutes: { type: 'integer', minimum: 30, maximum: 1440, description: 'Window shifts: expected minutes of work.' },
      recurrence: { type: 'string', enum: [...shiftRecurrences], default: 'once' },
      weeks: { type: 'integer', minimum: 1, maximum: 26, default: 1 },
      teams_allowed: { type: 'boolean', default: false },
      cancel_cutoff_hours: { type: 'integer', minimum: 0, maximum: 168, default: 12 },
      auto_checkout_minutes: { type: 'integer', minimum: 30, maximum: 720, default: 120 },
    },
  },
  SignupResult: {
    type: 'object',
    required: ['outcome', 'signup_id', 'position'],
    properties: { outcome: { type: 'string', enum: ['booked', 'waitlisted'] }, signup_id: uuid, position: { type: 'integer', nullable: true, description: 'Place on the waitlist.' } },
  },
  HoursRecord: {
    type: 'object',
    required: ['totals', 'by_month', 'entries', 'goal'],
    description: 'Hours in 0.5 steps. Certified hours count; pending ones wait for the organiser.',
    properties: {
      totals: { type: 'object', properties: { certified: { type: 'number' }, self_reported_certified: { type: 'number' }, pending: { type: 'number' } } },
      by_month: { type: 'array', items: { type: 'object', properties: { month: { type: 'string', example: '2026-11' }, organisation: { type: 'string' }, certified: { type: 'number' }, self_reported_certified: { type: 'number' }, pending: { type: 'number' } } } },
      entries: {
        type: 'array',
        items: { type: 'object', properties: { id: uuid, served_on: { type: 'string', format: 'date' }, hours: { type: 'number' }, status: { type: 'string', enum: [...hoursStatuses] }, source: { type: 'string', enum: [...hoursSources] }, organisation: { type: 'string' }, description: { type: 'string' }, shift_id: { ...uuid, nullable: true }, flag: { type: 'string', nullable: true } } },
      },
      goal: { type: 'object', nullable: true, properties: { year: { type: 'integer' }, kind: { type: 'string', enum: ['shuangbaodao', 'personal'] }, target_hours: { type: 'number' }, certified_hours: { type: 'number' }, pending_hours: { type: 'number' }, percent: { type: 'integer' }, met: { type: 'boolean' } } },
    },
  },
};

export const shiftPaths = {
  '/shifts': {
    get: {
      summary: 'Upcoming open shifts',
      tags: ['shifts'],
      parameters: [
        { name: 'community', in: 'query', schema: uuid },
        { name: 'skill', in: 'query', schema: { type: 'string', enum: [...skills] } },
        { name: 'need', in: 'query', schema: uuid },
        { name: 'project', in: 'query', schema: uuid },
        { name: 'from', in: 'query', schema: { type: 'string', format: 'date-time' } },
        { name: 'to', in: 'query', schema: { type: 'string', format: 'date-time' } },
        { name: 'open_only', in: 'query', schema: { type: 'string', enum: ['true', 'false'] } },
        { name: 'page', in: 'query', schema: { type: 'integer', minimum: 1 } },
        { name: 'per_page', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 200 } },
      ],
      responses: {
        200: { description: 'A page of shifts', content: json({ type: 'object', required: ['data', 'page', 'per_page', 'total'], properties: { data: { type: 'array', items: ref('Shift') }, page: { type: 'integer' }, per_page: { type: 'integer' }, total: { type: 'integer' } } }) },
        400: err('BadRequest'),
      },
    },
    post: {
      summary: 'Publish a shift (organisers: staff, social workers, team leaders and organisation members at the place)',
      tags: ['shifts'],
      security: [{ bearer: [] }],
      requestBody: { required: true, content: json(ref('NewShift')) },
      responses: {
        201: { description: 'Published; for a weekly shift, `occurrences` lists every week', content: json({ allOf: [ref('Shift'), { type: 'object', properties: { occurrences: { type: 'array', items: { type: 'object', properties: { id: uuid, starts_at: { type: 'string', format: 'date-time' } } } } } }] }) },
        400: err('BadRequest'),
        401: err('Unauthorized'),
        403: err('Forbidden'),
      },
    },
  },
  '/shifts/{shiftId}': {
    get: {
      summary: 'One shift (and, signed in, the caller\u2019s own sign-up)',
      tags: ['shifts'],
      parameters: [shiftIdParam],
      responses: { 200: { description: 'The shift', content: json(ref('Shift')) }, 404: err('NotFound') },
    },
  },
  '/shifts/{shiftId}/signups': {
    post: {
      summary: 'Sign up: a spot or a waitlist place',
      description: 'The last spot is never given twice, whatever the concurrency. Refusals answer 409 with `fields.reason`: full (spots and waitlist taken), clash (another shift at that time; `fields.clash_with`), missing_check (`fields.missing_checks`, `fields.expired_checks`), already_signed_up, started, closed. Without a volunteer profile: 403.',
      tags: ['shifts'],
      security: [{ bearer: [] }],
      parameters: [shiftIdParam],
      responses: { 201: { description: 'Booked or waitlisted', content: json(ref('SignupResult')) }, 401: err('Unauthorized'), 403: err('Forbidden'), 404: err('NotFound'), 409: conflict },
    },
  },
  '/shifts/{shiftId}/signups/me': {
    delete: {
      summary: 'Cancel my sign-up (with a reason); the first on the waitlist moves up',
      tags: ['shifts'],
      security: [{ bearer: [] }],
      parameters: [shiftIdParam, { name: 'reason', in: 'query', schema: { type: 'string', enum: [...cancelReasons] } }],
      requestBody: { required: false, content: json({ type: 'object', properties: { reason: { type: 'string', enum: [...cancelReasons] }, note: { type: 'string', maxLength: 300 } } }) },
      responses: { 200: { description: 'Cancelled', content: json({ type: 'object', properties: { cancelled: { type: 'boolean' }, signup_id: uuid } }) }, 400: err('BadRequest'), 401: err('Unauthorized'), 404: err('NotFound'), 409: conflict },
    },
  },
  '/shifts/{shiftId}/checkins': {
    post: {
      summary: 'Check in or out',
      description: 'A volunteer with a spot sends {"code"} (shown by the organiser at the place; open from 30 minutes before the start to the end) to check in, and {"action":"out"} to check out. The organiser sends {"signup_id","action":"in"|"out"}. Check-out records the hours served, in 0.5 h units.',
      tags: ['shifts'],
      security: [{ bearer: [] }],
      parameters: [shiftIdParam],
      requestBody: {
        required: true,
        content: json({ oneOf: [{ type: 'object', required: ['code'], properties: { code: { type: 'string', pattern: '^\\d{6}$' } } }, { type: 'object', required: ['action'], properties: { action: { type: 'string', enum: ['out'] } } }, { type: 'object', required: ['signup_id', 'action'], properties: { signup_id: uuid, action: { type: 'string', enum: ['in', 'out'] } } }] }),
      },
      responses: {
        200: { description: 'Already done: nothing changed', content: json({ type: 'object' }) },
        201: { description: 'Checked in or out', content: json({ type: 'object', properties: { signup_id: uuid, action: { type: 'string', enum: ['in', 'out'] }, hours: { type: 'number' }, checked_in_at: { type: 'string', format: 'date-time' } } }) },
        400: err('BadRequest'),
        401: err('Unauthorized'),
        404: err('NotFound'),
        409: conflict,
      },
    },
  },
  '/me/hours': {
    get: {
      summary: 'My service hours: by month and organisation, certified vs self-reported, goal progress',
      tags: ['shifts'],
      security: [{ bearer: [] }],
      responses: { 200: { description: 'The record', content: json(ref('HoursRecord')) }, 401: err('Unauthorized') },
    },
  },
};
