// Each exportable list: its own filter schema and query, the columns the requester may see, and its rows page by page.
import { and, asc, desc, eq, gte, inArray, like, lte, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { db } from '../../db/client';
import { needPrivateDetails, needs, places, resources, serviceHours, shifts, users } from '../../db/schema';
import { listMovements } from '../funds/ledger.server';
import { ledgerQuerySchema } from '../funds/schemas';
import type { Locale } from '../i18n/locale';
import { translator } from '../i18n/messages';
import { listPublicNeeds, triageQueue } from '../needs/needs.server';
import { needListQuery } from '../needs/schemas';
import { findPlace } from '../permissions/permissions.server';
import type { Principal } from '../permissions/principal.server';
import { can, scopesFor } from '../permissions/rules';
import { listProjects } from '../projects/projects.server';
import { projectListQuery } from '../projects/schemas';
import { localInstant } from '../resources/rules';
import { listResources } from '../resources/resources.server';
import { resourceListQuery } from '../resources/schemas';
import { shiftListQuery } from '../shifts/schemas';
import { listShifts } from '../shifts/shifts.server';
import type { Cell } from './csv';
import { hoursExportQuery } from './schemas';
import type { ExportList } from './values';

export class ExportError extends Error {
  constructor(public code: 'login' | 'not_found') {
    super(code);
  }
}

export interface ExportColumn {
  key: string;
  header: string;
  width: number;
  private: boolean;
}

export interface PreparedExport {
  list: ExportList;
  /** The list's filters as parsed by its own schema (no paging), as strings: kept with a job, put in links. */
  params: Record<string, string>;
  columns: ExportColumn[];
  /** True when some column holds private personal data: the export is then audited. */
  hasPrivateData: boolean;
  /** The place the export is about (for the audit trail), when the filters name one. */
  placeId: string | null;
  total(): Promise<number>;
  page(offset: number, limit: number): Promise<Cell[][]>;
}

type Raw = Record<string, string>;
const DROP = new Set(['page', 'format', 'view']);

/** The parsed filters back as strings, so a job re-runs exactly the query the page showed. */
function paramsOf(parsed: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(Object.entries(parsed).filter(([k, v]) => !DROP.has(k) && v !== undefined && v !== null && v !== '').map(([k, v]) => [k, String(v)]));
}

/** Dates and times in China time, as a spreadsheet reads them: 2026-11-23 09:30. */
export function chinaDateTime(d: Date | string | null | undefined): string {
  if (!d) return '';
  const at = new Date(new Date(d).getTime() + 8 * 3600_000).toISOString();
  return `${at.slice(0, 10)} ${at.slice(11, 16)}`;
}

const yuan = (minor: number | null | undefined) => (minor === null || minor === undefined ? null : Math.round(minor) / 100);

function labeller(locale: Locale) {
  const t = translator(locale);
  /** A code shown by its translated label when the app has one, else as it is. */
  const label = (prefix: string, code: string | null | undefined) => {
    if (!code) return '';
    const key = `${prefix}.${code}`;
    const text = t(key);
    return text === key ? code : text;
  };
  const name = (zh: string | null | undefined, en: string | null | undefined) => (locale === 'en' ? (en ?? zh ?? '') : (zh ?? en ?? ''));
  return { t, label, name };
}

function columnsOf(locale: Locale, spec: [key: string, width: number, isPrivate?: boolean][]): ExportColumn[] {
  const t = translator(locale);
  return spec.map(([key, width, isPrivate]) => ({ key, header: t(`exports.col.${key}`), width, private: Boolean(isPrivate) }));
}

// ——— needs: the public list's columns; contact and address for staff who may read them at that place ———
// queue=staff: the staff triage queue instead of the public list (open needs in the caller's scope, those still
// awaiting verification too), as the dashboard's overdue list shows them.

async function needsExport(raw: Raw, principal: Principal | null, locale: Locale): Promise<PreparedExport> {
  const q = needListQuery.parse(raw);
  const { label, name } = labeller(locale);
  const filter = { category: q.category, communityId: q.community, gridId: q.grid, status: q.status, urgency: q.urgency, overdue: q.overdue };
  const queue = raw.queue === 'staff';
  if (queue && !principal) throw new ExportError('login');
  const list = (page: { limit: number; offset: number }, now: Date) => (queue && principal ? triageQueue(principal, filter, page, now) : listPublicNeeds(filter, page, now));
  const scopes = principal ? scopesFor(principal.roles, 'need.read_private') : [];
  let withPrivate = scopes.length > 0;
  const placeId = q.grid ?? q.community ?? null;
  if (withPrivate && placeId) {
    const place = await findPlace(placeId);
    withPrivate = Boolean(place && principal && can(principal.roles, 'need.read_private', place.path));
  }
  // Health notes stay on the need's page: a spreadsheet travels further than a screen.
  const spec: [string, number, boolean?][] = [
    ['id', 38], ['summary', 40], ['category', 14], ['status', 12], ['urgency', 10], ['community', 16], ['grid', 16], ['raisedAt', 18],
    ['resolutionDueAt', 18], ['overdue', 10], ['quantity', 10], ['covered', 10], ['delivered', 10], ['resolvedAt', 18], ['closedAt', 18], ['stars', 8],
  ];
  if (withPrivate) spec.push(['contactName', 14, true], ['phone', 16, true], ['email', 24, true], ['address', 36, true]);
  const now = new Date();
  return {
    list: 'needs',
    params: { ...paramsOf(q), ...(queue ? { queue: 'staff' } : {}) },
    columns: columnsOf(locale, spec),
    hasPrivateData: withPrivate,
    placeId,
    total: async () => (await list({ limit: 1, offset: 0 }, now)).total,
    async page(offset, limit) {
      const { rows } = await list({ limit, offset }, now);
      const detail = new Map<string, { path: string; contactName: string | null; phone: string | null; email: string | null; address: string | null }>();
      if (withPrivate && rows.length) {
        const found = await db()
          .select({ id: needs.id, path: places.path, contactName: needPrivateDetails.contactName, phone: needPrivateDetails.phone, email: needPrivateDetails.email, address: needPrivateDetails.address })
          .from(needs)
          .innerJoin(places, eq(places.id, needs.placeId))
          .leftJoin(needPrivateDetails, eq(needPrivateDetails.needId, needs.id))
          .where(inArray(needs.id, rows.map((r) => r.id)));
        // Row by row, the same test as the need's own page: staff whose scope holds the need's place.
        for (const d of found) if (principal && can(principal.roles, 'need.read_private', d.path)) detail.set(d.id, d);
      }
      return rows.map((n) => {
        const cells: Cell[] = [
          n.id, n.summary, label('needs.category', n.category), label('needs.status', n.status), label('needs.urgency', n.urgency), name(n.communityZh, n.communityEn), name(n.gridZh, n.gridEn), chinaDateTime(n.raisedAt),
          chinaDateTime(n.resolutionDueAt), n.deadlineState === 'overdue' || n.deadlineState === 'very_overdue' ? label('needs.deadline', n.deadlineState) : '', n.quantity, n.covered, n.delivered, chinaDateTime(n.resolvedAt), chinaDateTime(n.closedAt), n.stars,
        ];
        if (withPrivate) {
          const d = detail.get(n.id);
          cells.push(d?.contactName ?? '', d?.phone ?? '', d?.email ?? '', d?.address ?? '');
        }
        return cells;
      });
    },
  };
}

// ——— resources: the public directory (display name, kind, categories, skills, area; never where someone lives) ———

async function resourcesExport(raw: Raw, _principal: Principal | null, locale: Locale): Promise<PreparedExport> {
  const f = resourceListQuery.parse(raw);
  const { label, name } = labeller(locale);
  const filter = { kind: f.kind, category: f.category, skill: f.skill, communityId: f.community, gridId: f.grid, q: f.q || undefined };
  return {
    list: 'resources',
    params: paramsOf(f),
    columns: columnsOf(locale, [['id', 38], ['name', 28], ['kind', 12], ['categories', 28], ['skills', 28], ['community', 16], ['grid', 16], ['description', 48], ['createdAt', 18]]),
    hasPrivateData: false,
    placeId: f.grid ?? f.community ?? null,
    total: async () => (await listResources({ ...filter, limit: 1, offset: 0 })).total,
    async page(offset, limit) {
      const { rows } = await listResources({ ...filter, limit, offset });
      return rows.map((r) => [
        r.id, r.name, label('resources.kind', r.kind), (r.categories ?? []).map((c) => label('resources.category', c)).join('、'), r.skills.map((s) => label('resources.skill', s)).join('、'),
        name(r.communityZh, r.communityEn), name(r.gridZh, r.gridEn), r.description, chinaDateTime(r.createdAt),
      ]);
    },
  };
}

// ——— projects: public states for everyone, drafts only in the requester's own places (the list's own rule) ———

async function projectsExport(raw: Raw, principal: Principal | null, locale: Locale): Promise<PreparedExport> {
  const q = projectListQuery.parse(raw);
  const { label, name } = labeller(locale);
  const filter = { state: q.state, category: q.category, placeId: q.place, q: q.q };
  return {
    list: 'projects',
    params: paramsOf(q),
    columns: columnsOf(locale, [['id', 38], ['title', 32], ['state', 12], ['category', 14], ['place', 16], ['budget', 12], ['currency', 8], ['deliverer', 20], ['summary', 48], ['createdAt', 18]]),
    hasPrivateData: false,
    placeId: q.place ?? null,
    total: async () => (await listProjects(principal, filter, { limit: 1, offset: 0 })).total,
    async page(offset, limit) {
      const { rows } = await listProjects(principal, filter, { limit, offset });
      return rows.map((p) => [p.id, p.title, label('projects.state', p.state), label('resources.category', p.category), name(p.placeZh, p.placeEn), yuan(p.budgetMinor), p.currency, p.delivererName ?? '', p.summary, chinaDateTime(p.createdAt)]);
    },
  };
}

// ——— shifts: upcoming open shifts, as the list shows them ———

async function shiftsExport(raw: Raw, _principal: Principal | null, locale: Locale): Promise<PreparedExport> {
  const q = shiftListQuery.parse(raw);
  const { label, name } = labeller(locale);
  const filter = { communityId: q.community, skill: q.skill, openOnly: q.open === '1', from: q.from ? localInstant(q.from, 0) : undefined };
  return {
    list: 'shifts',
    params: paramsOf(q),
    columns: columnsOf(locale, [['id', 38], ['title', 28], ['role', 16], ['startsAt', 18], ['endsAt', 18], ['place', 16], ['community', 16], ['location', 28], ['organisation', 20], ['skills', 24], ['spots', 8], ['booked', 8], ['waiting', 8]]),
    hasPrivateData: false,
    placeId: q.community ?? null,
    total: async () => (await listShifts({ ...filter, limit: 1, offset: 0 })).total,
    async page(offset, limit) {
      const { rows } = await listShifts({ ...filter, limit, offset });
      return rows.map((s) => [
        s.id, s.title, s.role, chinaDateTime(s.startsAt), chinaDateTime(s.endsAt), name(s.placeZh, s.placeEn), name(s.communityZh, s.communityEn), s.location, s.organisationName ?? '',
        (s.skills ?? []).map((k) => label('resources.skill', k)).join('、'), s.spots, s.booked, s.waiting,
      ]);
    },
  };
}

// ——— ledger: the public ledger; anonymous donors stay anonymous, hidden amounts stay hidden ———

async function ledgerExport(raw: Raw, _principal: Principal | null, locale: Locale): Promise<PreparedExport> {
  const q = ledgerQuerySchema.parse(raw);
  const { t, label, name } = labeller(locale);
  const filter = { fundId: q.fund, kind: q.kind, from: q.from, to: q.to };
  return {
    list: 'ledger',
    params: paramsOf(q),
    columns: columnsOf(locale, [['occurredAt', 18], ['kind', 12], ['fund', 20], ['counterpart', 24], ['counterpartFund', 20], ['project', 24], ['amount', 12], ['currency', 8], ['inKind', 8], ['description', 40], ['groupId', 38]]),
    hasPrivateData: false,
    placeId: null,
    total: async () => (await listMovements({ ...filter, limit: 1, offset: 0 })).total,
    async page(offset, limit) {
      const { rows } = await listMovements({ ...filter, limit, offset });
      return rows.map((m) => [
        chinaDateTime(m.occurredAt), label('ledger.kind', m.kind), name(m.fundZh, m.fundEn), m.anonymous ? t('ledger.anonymous') : (m.counterpart ?? ''), m.counterpartFund ? name(m.counterpartFund.nameZh, m.counterpartFund.nameEn) : '',
        m.project ?? '', yuan(m.amountMinor), m.currency, m.inKind ? t('exports.yes') : '', m.description, m.groupId,
      ]);
    },
  };
}

// ——— hours: one's own record, or (scope=team) the hours of the shifts and places one runs ———

const hoursPlace = alias(places, 'hours_place');
const volunteer = alias(users, 'volunteer');

async function hoursExport(raw: Raw, principal: Principal | null, locale: Locale): Promise<PreparedExport> {
  if (!principal) throw new ExportError('login');
  const q = hoursExportQuery.parse(raw);
  const { label, name } = labeller(locale);
  const team = q.scope === 'team';
  let who: SQL;
  if (!team) who = eq(serviceHours.userId, principal.user.id);
  else {
    // The certifier's view (the same scope as certifying hours): shifts one organises, or places one manages shifts in.
    const scopes = scopesFor(principal.roles, 'shift.manage');
    who = scopes.includes(null) ? sql`true` : or(eq(shifts.organiserUserId, principal.user.id), ...scopes.map((s) => like(serviceHours.placePath, `${s}%`)))!;
  }
  const where = and(who, q.status ? eq(serviceHours.status, q.status) : undefined, q.from ? gte(serviceHours.servedOn, q.from) : undefined, q.to ? lte(serviceHours.servedOn, q.to) : undefined);
  const spec: [string, number, boolean?][] = [['servedOn', 12], ['hours', 8], ['status', 10], ['source', 12], ['organisation', 24], ['shift', 28], ['description', 40]];
  // A team's hours name the volunteers: personal data, so the export is audited.
  if (team) spec.unshift(['volunteer', 16, true]);
  const base = () => db().select({ n: sql<number>`count(*)::int` }).from(serviceHours).leftJoin(shifts, eq(shifts.id, serviceHours.shiftId)).where(where);
  return {
    list: 'hours',
    params: paramsOf(q),
    columns: columnsOf(locale, spec),
    hasPrivateData: team,
    placeId: null,
    total: async () => Number((await base())[0].n),
    async page(offset, limit) {
      const rows = await db()
        .select({ servedOn: serviceHours.servedOn, halfHours: serviceHours.halfHours, status: serviceHours.status, source: serviceHours.source, organisation: resources.name, placeZh: hoursPlace.nameZh, placeEn: hoursPlace.nameEn, shift: shifts.title, description: serviceHours.description, volunteer: volunteer.name })
        .from(serviceHours)
        .innerJoin(hoursPlace, eq(hoursPlace.id, serviceHours.placeId))
        .innerJoin(volunteer, eq(volunteer.id, serviceHours.userId))
        .leftJoin(shifts, eq(shifts.id, serviceHours.shiftId))
        .leftJoin(resources, eq(resources.id, serviceHours.organisationId))
        .where(where)
        .orderBy(desc(serviceHours.servedOn), asc(serviceHours.id))
        .limit(limit)
        .offset(offset);
      return rows.map((h) => {
        const cells: Cell[] = [h.servedOn, h.halfHours / 2, label('hours.status', h.status), label('hours.source', h.source), h.organisation ?? name(h.placeZh, h.placeEn), h.shift ?? '', h.description];
        if (team) cells.unshift(h.volunteer);
        return cells;
      });
    },
  };
}

const builders: Record<ExportList, (raw: Raw, principal: Principal | null, locale: Locale) => Promise<PreparedExport>> = {
  needs: needsExport,
  resources: resourcesExport,
  projects: projectsExport,
  shifts: shiftsExport,
  ledger: ledgerExport,
  hours: hoursExport,
};

/** The export of one list with the given filter parameters, as this requester may see it. */
export function prepareExport(list: ExportList, raw: Raw, principal: Principal | null, locale: Locale) {
  return builders[list](raw, principal, locale);
}
