import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Form, Link, useLoaderData } from '@remix-run/react';
import { z } from 'zod';
import { formatDate } from '../i18n/locale';
import { useLocale, useT } from '../i18n/use-t';
import { requireUser } from '../permissions/permissions.server';
import { certificateHolder, hoursRecord } from '../shifts/hours.server';
import { formatHours } from '../shifts/rules';
import { pageMessages } from '../i18n/route-messages';

export const handle = pageMessages('shifts');

export const meta: MetaFunction = () => [{ title: '志愿服务证明 · Fivefold' }];

// A printable certificate of certified hours for one year (default: this year), from the caller's own record.
export async function loader({ request }: LoaderFunctionArgs) {
  const principal = await requireUser(request);
  const record = await hoursRecord(principal.user.id, principal.user.locale);
  const year = z.coerce.number().int().min(2000).max(2100).catch(record.year).parse(new URL(request.url).searchParams.get('year') ?? record.year);
  const certified = (y: number | null) => record.entries.filter((e) => e.status === 'certified' && (y === null || e.servedOn.startsWith(`${y}-`))).reduce((s, e) => s + e.halfHours, 0);
  const years = [...new Set(record.entries.map((e) => Number(e.servedOn.slice(0, 4))))].sort((a, b) => b - a);
  return { name: await certificateHolder(principal.user.id), year, years: years.length ? years : [record.year], yearHours: certified(year), allHours: certified(null), months: record.months.filter((m) => m.month.startsWith(`${year}-`) && m.certified > 0), issued: new Date().toISOString() };
}

export default function Certificate() {
  const d = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  return (
    <>
      <div className="no-print">
        <p>
          <Link to="/my/hours">{t('hours.title')}</Link>
        </p>
        <Form method="get" className="inline-form">
          <div className="field">
            <label htmlFor="year">{t('hours.cert.year')}</label>
            <select id="year" name="year" defaultValue={d.year}>
              {d.years.map((y) => (
                <option key={y} value={y}>
                  {y}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="secondary">
            {t('shifts.filter.apply')}
          </button>
        </Form>
      </div>
      <article className="certificate">
        <h1>{t('hours.cert.title')}</h1>
        <p>{t('hours.cert.body', { name: d.name, hours: formatHours(d.yearHours), year: d.year })}</p>
        {d.months.length ? (
          <table>
            <thead>
              <tr>
                <th scope="col">{t('hours.month')}</th>
                <th scope="col">{t('hours.organisation')}</th>
                <th scope="col">{t('hours.certified')}</th>
              </tr>
            </thead>
            <tbody>
              {d.months.map((m) => (
                <tr key={`${m.month}-${m.organisation}`}>
                  <td>{m.month}</td>
                  <td>{m.organisation}</td>
                  <td>{formatHours(m.certified)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
        <p>{t('hours.cert.allTime', { hours: formatHours(d.allHours) })}</p>
        <p className="muted">{t('hours.cert.issued', { date: formatDate(locale, d.issued) })}</p>
      </article>
      <p className="no-print">
        <button type="button" onClick={() => window.print()}>
          {t('hours.cert.print')}
        </button>
      </p>
    </>
  );
}
