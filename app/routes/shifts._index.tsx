import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { ExportLinks } from '../exports/ui';
import { Form, Link, useLoaderData } from '@remix-run/react';
import { SelectField } from '../components/field';
import { usePlaceName, useT } from '../i18n/use-t';
import { getPrincipal } from '../permissions/permissions.server';
import { canAnywhere } from '../permissions/rules';
import { listPublicCommunities } from '../places/public.server';
import { localInstant, localParts } from '../resources/rules';
import { skills } from '../resources/values';
import { shiftListQuery } from '../shifts/list-query.server';
import { listShifts } from '../shifts/shifts.server';
import { ShiftCard, SpotsLine } from '../shifts/ui';
import { pageMessages } from '../i18n/route-messages';

export const handle = pageMessages('exports', 'shifts');

export const meta: MetaFunction = () => [{ title: '志愿服务班次 · Fivefold' }];

const PER_PAGE = 30;
const DAYS = 14;

export async function loader({ request }: LoaderFunctionArgs) {
  const q = shiftListQuery.parse(Object.fromEntries(new URL(request.url).searchParams));
  const principal = await getPrincipal(request);
  const today = localParts(new Date()).date;
  // The calendar shows two weeks from a Monday; the list everything upcoming, page by page.
  const fromDate = q.from ?? today;
  const monday = (() => {
    const d = localInstant(fromDate, 0);
    return localParts(new Date(d.getTime() - localParts(d).day * 86_400_000)).date;
  })();
  const calendar = q.view === 'calendar';
  const from = calendar ? localInstant(monday, 0) : undefined;
  const to = calendar ? new Date(localInstant(monday, 0).getTime() + DAYS * 86_400_000) : undefined;
  const [{ rows, total }, communities] = await Promise.all([
    listShifts({ communityId: q.community, skill: q.skill, openOnly: q.open === '1', from, to, limit: calendar ? 500 : PER_PAGE, offset: calendar ? 0 : (q.page - 1) * PER_PAGE }),
    listPublicCommunities(),
  ]);
  return {
    q,
    shifts: rows,
    total,
    pages: Math.max(1, Math.ceil(total / PER_PAGE)),
    monday,
    today,
    communities: communities.map((c) => ({ id: c.id, nameZh: c.nameZh, nameEn: c.nameEn })),
    canPublish: principal ? canAnywhere(principal.roles, 'shift.organise') : false,
  };
}

const addDays = (date: string, n: number) => new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

export default function ShiftsList() {
  const data = useLoaderData<typeof loader>();
  const t = useT();
  const placeName = usePlaceName();
  const q = data.q;
  const any = { value: '', label: t('shifts.filter.any') };
  const link = (over: Record<string, string | undefined>) => {
    const params = new URLSearchParams(Object.entries({ view: q.view, community: q.community, skill: q.skill, open: q.open, from: q.from, ...over }).filter(([, v]) => v) as [string, string][]);
    return `/shifts?${params}`;
  };
  const days = Array.from({ length: DAYS }, (_, i) => addDays(data.monday, i));
  const time = (d: string) => new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', timeZone: 'Asia/Shanghai' }).format(new Date(d));
  return (
    <>
      <h1>{t('shifts.title')}</h1>
      <p>{t('shifts.intro')}</p>
      <ExportLinks list="shifts" filters={{ community: data.q.community, skill: data.q.skill, open: data.q.open, from: data.q.from }} />
      <p>
        {data.canPublish ? (
          <Link to="/shifts/new" className="button">
            {t('shifts.new')}
          </Link>
        ) : null}{' '}
        <Link to="/my/shifts" className="button secondary">
          {t('nav.myShifts')}
        </Link>
      </p>
      <nav aria-label={t('shifts.view.list') + ' / ' + t('shifts.view.calendar')}>
        <Link to={link({ view: 'list' })} aria-current={q.view === 'list' ? 'page' : undefined}>
          {t('shifts.view.list')}
        </Link>{' '}
        ·{' '}
        <Link to={link({ view: 'calendar' })} aria-current={q.view === 'calendar' ? 'page' : undefined}>
          {t('shifts.view.calendar')}
        </Link>
      </nav>
      <Form method="get" className="inline-form">
        <input type="hidden" name="view" value={q.view} />
        <SelectField id="f-community" name="community" label={t('shifts.filter.community')} defaultValue={q.community ?? ''} options={[any, ...data.communities.map((c) => ({ value: c.id, label: placeName(c) }))]} />
        <SelectField id="f-skill" name="skill" label={t('shifts.filter.skill')} defaultValue={q.skill ?? ''} options={[any, ...skills.map((s) => ({ value: s, label: t(`resources.skill.${s}`) }))]} />
        <div className="check">
          <input type="checkbox" id="f-open" name="open" value="1" defaultChecked={q.open === '1'} />
          <label htmlFor="f-open">{t('shifts.filter.openOnly')}</label>
        </div>
        <button type="submit">{t('shifts.filter.apply')}</button>
      </Form>
      {q.view === 'calendar' ? (
        <section aria-labelledby="cal-h">
          <h2 id="cal-h">{t('shifts.calendar.week', { date: data.monday })}</h2>
          <p>
            <Link to={link({ from: addDays(data.monday, -DAYS) })}>{t('shifts.calendar.prev')}</Link> · <Link to={link({ from: addDays(data.monday, DAYS) })}>{t('shifts.calendar.next')}</Link>
          </p>
          <ol className="calendar-days">
            {days.map((day, i) => {
              const todays = data.shifts.filter((s) => localParts(new Date(s.startsAt)).date === day);
              return (
                <li key={day} className={day === data.today ? 'today' : undefined}>
                  <h3>
                    {t(`shifts.weekday.${i % 7}`)} {day.slice(5)}
                  </h3>
                  {todays.length ? (
                    <ul>
                      {todays.map((s) => (
                        <li key={s.id}>
                          <Link to={`/shifts/${s.id}`}>
                            {s.timing === 'fixed' ? `${time(String(s.startsAt))} ` : ''}
                            {s.title}
                          </Link>{' '}
                          <span className="muted">
                            <SpotsLine s={s} />
                          </span>
                        </li>
                      ))}
                    </ul>
                  ) : (
                    <p className="muted">—</p>
                  )}
                </li>
              );
            })}
          </ol>
        </section>
      ) : data.shifts.length ? (
        <>
          <ul className="cards">
            {data.shifts.map((s) => (
              <ShiftCard key={s.id} s={s} />
            ))}
          </ul>
          {data.pages > 1 ? (
            <p>
              {q.page > 1 ? <Link to={link({ page: String(q.page - 1) })}>←</Link> : null} {q.page} / {data.pages} {q.page < data.pages ? <Link to={link({ page: String(q.page + 1) })}>→</Link> : null}
            </p>
          ) : null}
        </>
      ) : (
        <p>{t('shifts.none')}</p>
      )}
    </>
  );
}
