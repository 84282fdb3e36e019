import { getFormProps, useForm } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod';
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { z } from 'zod';
import { Field, FormErrors, SelectField } from '../components/field';
import { organisationSatisfaction } from '../deliberation/satisfaction.server';
import { SatisfactionSummary } from '../deliberation/ui';
import { formatDate, formatMoney } from '../i18n/locale';
import { useLocale, usePlaceName, useT } from '../i18n/use-t';
import { actorOf, type Principal } from '../permissions/principal.server';
import { getPrincipal, requireUser } from '../permissions/permissions.server';
import { can } from '../permissions/rules';
import { getResourceForEditing } from '../resources/edit.server';
import { listMyGroups, requestToJoin } from '../resources/members.server';
import { getPublicResource, getResourceRow, ResourceError, setResourceStatus } from '../resources/resources.server';
import { formatHm, localParts } from '../resources/rules';
import { bookingInput, loanInput } from '../resources/schemas';
import { AreaText, HoursText } from '../resources/ui';
import { bookVenue, cancelBooking, goodsStock, listLoans, recordLoan, recordReturn, upcomingBookings, venueSchedule } from '../resources/venues.server';
import { parseForm, redirectWithNotice } from '../utils/forms.server';
import { invariantResponse, notFound, uuidParam } from '../utils/http.server';
import { pageMessages } from '../i18n/route-messages';

export const handle = pageMessages('deliberation', 'resources');

type Row = NonNullable<Awaited<ReturnType<typeof getResourceRow>>>;

/** Staff of the place (or the owner) keep a goods log and see unverified organisations. */
const isKeeper = (p: Principal | null, row: Row) => Boolean(p && (row.ownerUserId === p.user.id || can(p.roles, 'resource.verify', row.placePath)));
const isStaff = (p: Principal | null, row: Row) => Boolean(p && (can(p.roles, 'resource.verify', row.placePath) || can(p.roles, 'volunteer.read_contact', row.placePath) || can(p.roles, 'organisation.verify', row.placePath)));

async function load(request: Request, id: string) {
  const principal = await getPrincipal(request);
  const row = await getResourceRow(id);
  if (!row) throw notFound();
  const resource = await getPublicResource(id, { includeHidden: isStaff(principal, row) || (principal !== null && row.ownerUserId === principal.user.id) });
  if (!resource) throw notFound();
  return { principal, row, resource };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const id = uuidParam(params, 'resourceId');
  const { principal, row, resource } = await load(request, id);
  const from = new URL(request.url).searchParams.get('from');
  const today = localParts(new Date()).date;
  const week = from && /^\d{4}-\d{2}-\d{2}$/.test(from) && from >= today ? from : today;
  const keeper = isKeeper(principal, row);
  const membership =
    principal && (resource.kind === 'team' || resource.kind === 'organisation') ? ((await listMyGroups(principal.user.id, resource.kind)).find((g) => g.id === id) ?? null) : null;
  return {
    resource,
    signedIn: Boolean(principal),
    staff: isStaff(principal, row),
    week,
    nextWeek: localParts(new Date(Date.parse(`${week}T12:00:00+08:00`) + 7 * 86_400_000)).date,
    schedule: resource.kind === 'venue' ? await venueSchedule(id, week, 7, principal?.user.id) : null,
    stock: resource.kind === 'goods' ? await goodsStock(id) : null,
    loans: resource.kind === 'goods' && keeper ? await listLoans(id) : null,
    bookings: resource.kind === 'venue' && keeper ? await upcomingBookings(id) : null,
    membership: membership ? { status: membership.status, role: membership.role } : null,
    // Public figures only: the service returns counts and averages, never a rating's comment or who gave it.
    satisfaction: resource.kind === 'team' || resource.kind === 'organisation' ? await organisationSatisfaction(id) : null,
    keeper,
    active: row.status === 'active',
    canEdit: principal ? Boolean(await getResourceForEditing(principal, id)) : false,
  };
}

const intentSchema = z.object({ intent: z.enum(['book', 'cancelBooking', 'join', 'lend', 'return', 'withdraw', 'reactivate']) });

export async function action({ request, params }: ActionFunctionArgs) {
  const id = uuidParam(params, 'resourceId');
  const principal = await requireUser(request);
  const { row, resource } = await load(request, id);
  const actor = { ...actorOf(principal), userId: principal.user.id };
  const parsed = intentSchema.safeParse({ intent: (await request.clone().formData()).get('intent') });
  invariantResponse(parsed.success, 'Bad request');
  const intent = parsed.data.intent;
  if (intent === 'book') {
    invariantResponse(resource.kind === 'venue', 'Bad request');
    const { submission } = await parseForm(request, bookingInput.extend({ intent: z.literal('book') }));
    if (submission.status !== 'success') return submission.reply();
    const result = await bookVenue(actor, id, { slotStart: new Date(submission.value.slotStart), purpose: submission.value.purpose, attendees: submission.value.attendees });
    if (!result.ok) return submission.reply({ formErrors: [`resources.book.${result.reason}`] });
    return redirectWithNotice(`/resources/${id}?from=${localParts(new Date(submission.value.slotStart)).date}`, 'resources.book.booked');
  }
  if (intent === 'cancelBooking') {
    const form = await request.formData();
    const bookingId = z.string().uuid().safeParse(form.get('bookingId'));
    if (!bookingId.success) throw notFound();
    // The venue's keeper cancels someone else's booking with a reason the person who booked is told.
    const keeper = resource.kind === 'venue' && isKeeper(principal, row);
    const reason = z.string().trim().max(200).safeParse(form.get('reason') ?? '');
    if (!reason.success) return redirectWithNotice(`/resources/${id}`, 'resources.book.reasonTooLong');
    try {
      await cancelBooking(actor, bookingId.data, keeper ? { keeperOf: id, reason: reason.data } : {});
    } catch (e) {
      if (e instanceof ResourceError) throw notFound();
      throw e;
    }
    const notice = form.get('byKeeper') ? 'resources.book.cancelledByKeeper' : 'resources.book.cancelled';
    return redirectWithNotice(`/resources/${id}`, notice);
  }
  if (intent === 'join') {
    invariantResponse(resource.kind === 'team' || resource.kind === 'organisation', 'Bad request');
    const { created } = await requestToJoin(actor, id);
    return redirectWithNotice(`/resources/${id}`, created ? 'resources.joinRequested' : 'resources.joinAlready');
  }
  if (intent === 'withdraw' || intent === 'reactivate') {
    if (!isKeeper(principal, row)) throw notFound();
    await setResourceStatus(actor, id, intent === 'withdraw' ? 'inactive' : 'active');
    return redirectWithNotice(`/resources/${id}`, intent === 'withdraw' ? 'resources.withdrawn' : 'resources.reactivated');
  }
  // The goods log: its keeper only.
  invariantResponse(resource.kind === 'goods', 'Bad request');
  if (!isKeeper(principal, row)) throw notFound();
  if (intent === 'return') {
    const loanId = z.string().uuid().safeParse((await request.formData()).get('loanId'));
    if (!loanId.success) throw notFound();
    try {
      await recordReturn(actor, id, loanId.data);
    } catch (e) {
      if (e instanceof ResourceError) return redirectWithNotice(`/resources/${id}`, 'staffres.alreadyDecided');
      throw e;
    }
    return redirectWithNotice(`/resources/${id}`, 'resources.goods.recorded');
  }
  const { submission } = await parseForm(request, loanInput.extend({ intent: z.literal('lend') }));
  if (submission.status !== 'success') return submission.reply();
  try {
    await recordLoan(actor, id, submission.value);
  } catch (e) {
    if (e instanceof ResourceError && e.field === 'quantity') return submission.reply({ fieldErrors: { quantity: ['resources.goods.notEnough'] } });
    if (e instanceof ResourceError && e.field === 'kind') return submission.reply({ fieldErrors: { kind: ['resources.goods.notLendable'] } });
    throw e;
  }
  return redirectWithNotice(`/resources/${id}`, 'resources.goods.recorded');
}

export default function ResourcePage() {
  const data = useLoaderData<typeof loader>();
  const { resource: r } = data;
  const t = useT();
  const locale = useLocale();
  const placeName = usePlaceName();
  const lastResult = useActionData<typeof action>();
  const [bookForm, bookFields] = useForm({ id: 'book', lastResult: lastResult?.initialValue?.intent === 'book' ? lastResult : undefined, onValidate: ({ formData }) => parseWithZod(formData, { schema: bookingInput }) });
  const [loanForm, loanFields] = useForm({ id: 'loan', lastResult: lastResult?.initialValue?.intent === 'lend' ? lastResult : undefined, onValidate: ({ formData }) => parseWithZod(formData, { schema: loanInput }) });
  const offer = 'offer' in r ? r.offer : null;
  return (
    <>
      <p>
        <Link to="/resources">← {t('resources.title')}</Link>
      </p>
      <h1>{r.name}</h1>
      <p className="muted">
        {t(`resources.kind.${r.kind}`)} · {t('resources.area')}: <AreaText r={r} />
        {'placeZh' in r && r.placeZh ? ` · ${placeName({ nameZh: r.placeZh, nameEn: r.placeEn })}` : ''}
      </p>
      {data.canEdit ? (
        <p>
          <Link to={`/resources/${r.id}/edit`} className="button secondary">
            {t('resources.edit.link')}
          </Link>
        </p>
      ) : null}
      {data.staff ? (
        <p>
          <Link to={`/admin/resources/${r.id}`}>{t('resources.staffView')}</Link>
        </p>
      ) : null}
      {data.keeper ? (
        <Form method="post">
          {data.active ? null : <p>{t('resources.inactiveNote')}</p>}
          <input type="hidden" name="intent" value={data.active ? 'withdraw' : 'reactivate'} />
          <button type="submit" className="secondary">
            {t(data.active ? 'resources.withdraw' : 'resources.reactivate')}
          </button>
        </Form>
      ) : null}
      {r.description ? <p>{r.description}</p> : null}
      <dl>
        {r.skills.length ? (
          <>
            <dt>{t('resources.skills')}</dt>
            <dd>{r.skills.map((s) => t(`resources.skill.${s}`)).join('、')}</dd>
          </>
        ) : null}
        {r.categories.length ? (
          <>
            <dt>{t('resources.categories')}</dt>
            <dd>{r.categories.map((c) => t(`resources.category.${c}`)).join('、')}</dd>
          </>
        ) : null}
        {'memberCount' in r ? (
          <>
            <dt>{t('team.members')}</dt>
            <dd>{t('resources.members', { count: r.memberCount })}</dd>
          </>
        ) : null}
        {'organisation' in r && r.organisation ? (
          <>
            <dt>{t('org.registrationStatus')}</dt>
            <dd>
              {t(`resources.registration.${r.organisation.registrationStatus}`)}
              {r.organisation.registrationNumber ? ` (${r.organisation.registrationNumber})` : ''} · {t(`resources.verification.${r.organisation.verification}`)}
            </dd>
          </>
        ) : null}
        {offer ? (
          <>
            <dt>{t('resources.provider')}</dt>
            <dd>
              {offer.providerName} ({t(`resources.provider.${offer.providerType}`)}) · {t(`resources.offerType.${offer.offerType}`)}
            </dd>
            {offer.capacity !== null ? (
              <>
                <dt>{t('resources.capacity')}</dt>
                <dd>{offer.capacity}</dd>
              </>
            ) : null}
            {offer.goodsMode ? (
              <>
                <dt>{t('resources.goodsMode')}</dt>
                <dd>{t(`resources.goodsMode.${offer.goodsMode}`)}</dd>
              </>
            ) : null}
            {data.stock ? (
              <>
                <dt>{t('resources.quantity')}</dt>
                <dd>{t('resources.stock', { available: data.stock.available, quantity: data.stock.quantity })}</dd>
              </>
            ) : offer.quantity !== null ? (
              <>
                <dt>{t('resources.quantity')}</dt>
                <dd>{offer.quantity}</dd>
              </>
            ) : null}
            {offer.valueMinor !== null ? (
              <>
                <dt>{t('resources.value')}</dt>
                <dd>{formatMoney(locale, offer.valueMinor, offer.currency)}</dd>
              </>
            ) : null}
            {offer.availability.length ? (
              <>
                <dt>{t('resources.hours')}</dt>
                <dd>
                  <HoursText windows={offer.availability} />
                </dd>
              </>
            ) : null}
            {offer.exceptions.length ? (
              <>
                <dt>{t('resources.closedOn')}</dt>
                <dd>{offer.exceptions.map((e) => (e.from === e.to ? e.from : `${e.from} – ${e.to}`)).join('、')}</dd>
              </>
            ) : null}
          </>
        ) : null}
      </dl>

      {r.kind === 'team' || r.kind === 'organisation' ? (
        data.membership ? (
          <p>{t(`resources.membership.${data.membership.status}`)}</p>
        ) : data.signedIn ? (
          <Form method="post">
            <input type="hidden" name="intent" value="join" />
            <button type="submit">{t('resources.join')}</button>
          </Form>
        ) : (
          <p>
            <Link to={`/login?redirectTo=/resources/${r.id}`}>{t('resources.join')}</Link>
          </p>
        )
      ) : null}

      {data.satisfaction ? <SatisfactionSummary id="satisfaction-h" figures={data.satisfaction} title={t('satisfaction.org.title')} intro={t('satisfaction.org.intro')} /> : null}

      {data.schedule ? (
        <section aria-labelledby="book-h">
          <h2 id="book-h">{t('resources.book.title')}</h2>
          {data.signedIn ? (
            <Form method="post" {...getFormProps(bookForm)}>
              <input type="hidden" name="intent" value="book" />
              <FormErrors errors={bookForm.errors} />
              <fieldset className="field" aria-describedby={bookFields.slotStart.errors?.length ? 'slot-errors' : undefined}>
                <legend>
                  {t('resources.book.schedule')}: {formatDate(locale, `${data.week}T12:00:00+08:00`)} –
                </legend>
                {data.schedule.every((d) => !d.slots.length) ? <p>{t('resources.book.noSlots')}</p> : null}
                {data.schedule
                  .filter((d) => d.slots.length)
                  .map((d) => (
                    <div key={d.date}>
                      <p>
                        <strong>{formatDate(locale, `${d.date}T12:00:00+08:00`)}</strong>
                      </p>
                      <div style={{ display: 'flex', flexWrap: 'wrap', gap: '0 1.25rem' }}>
                        {d.slots.map((s) => {
                          const label = formatHm(localParts(new Date(s.start)).minute);
                          const past = new Date(s.start).getTime() < Date.now();
                          return (
                            <div className="check" key={s.start}>
                              <input type="radio" id={`slot-${s.start}`} name="slotStart" value={s.start} disabled={s.taken || past} required />
                              <label htmlFor={`slot-${s.start}`}>
                                {label} {s.mine ? `(${t('resources.book.mine')})` : s.taken ? `(${t('resources.book.takenLabel')})` : past ? '' : `(${t('resources.book.free')})`}
                              </label>
                            </div>
                          );
                        })}
                      </div>
                    </div>
                  ))}
                {bookFields.slotStart.errors?.length ? (
                  <ul id="slot-errors" className="field-errors">
                    {bookFields.slotStart.errors.map((e) => (
                      <li key={e}>{t(e)}</li>
                    ))}
                  </ul>
                ) : null}
              </fieldset>
              <p>
                <Link to={`/resources/${r.id}?from=${data.nextWeek}`}>{t('resources.next')}</Link>
              </p>
              <Field id={bookFields.purpose.id} name={bookFields.purpose.name} label={t('resources.book.purpose')} errors={bookFields.purpose.errors} required maxLength={200} />
              <Field id={bookFields.attendees.id} name={bookFields.attendees.name} label={t('resources.book.attendees')} type="number" inputMode="numeric" defaultValue={1} errors={bookFields.attendees.errors} required />
              <button type="submit">{t('resources.book.submit')}</button>
            </Form>
          ) : (
            <p>
              <Link to={`/login?redirectTo=/resources/${r.id}`}>{t('resources.book.loginToBook')}</Link>
            </p>
          )}
          {data.schedule.flatMap((d) => d.slots.filter((s) => s.mine)).map((s) => (
            <Form method="post" key={s.mine!}>
              <input type="hidden" name="intent" value="cancelBooking" />
              <input type="hidden" name="bookingId" value={s.mine!} />
              <button type="submit" className="secondary">
                {t('resources.book.cancel')}: {formatDate(locale, s.start, true)}
              </button>
            </Form>
          ))}
        </section>
      ) : null}

      {data.bookings ? (
        <section aria-labelledby="bookings-h">
          <h2 id="bookings-h">{t('resources.book.list')}</h2>
          {data.bookings.length ? (
            <div className="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t('resources.book.slot')}</th>
                    <th scope="col">{t('resources.book.by')}</th>
                    <th scope="col">{t('resources.book.purpose')}</th>
                    <th scope="col">{t('resources.book.attendees')}</th>
                    <th scope="col">{t('resources.book.keeperCancel')}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.bookings.map((b) => (
                    <tr key={b.id}>
                      <td>
                        {formatDate(locale, b.slotStart, true)}–{formatHm(localParts(new Date(b.slotEnd)).minute)}
                      </td>
                      <td>{b.bookedBy}</td>
                      <td>{b.purpose}</td>
                      <td>{b.attendees}</td>
                      <td>
                        <Form method="post" className="inline-form">
                          <input type="hidden" name="intent" value="cancelBooking" />
                          <input type="hidden" name="bookingId" value={b.id} />
                          <input type="hidden" name="byKeeper" value="1" />
                          <input id={`reason-${b.id}`} name="reason" maxLength={200} aria-label={t('resources.book.reason')} placeholder={t('resources.book.reason')} />
                          <button type="submit" className="secondary">
                            {t('resources.book.keeperCancel')}
                          </button>
                        </Form>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : (
            <p>{t('common.none')}</p>
          )}
        </section>
      ) : null}

      {data.loans ? (
        <section aria-labelledby="loans-h">
          <h2 id="loans-h">{t('resources.goods.log')}</h2>
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('audit.when')}</th>
                  <th scope="col">{t('resources.goods.kind')}</th>
                  <th scope="col">{t('resources.goods.borrower')}</th>
                  <th scope="col">{t('resources.quantity')}</th>
                  <th scope="col">{t('resources.goods.due')}</th>
                  <th scope="col">{t('common.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {data.loans.map((l) => (
                  <tr key={l.id}>
                    <td>{formatDate(locale, l.createdAt)}</td>
                    <td>{t(`resources.goods.kind.${l.kind}`)}</td>
                    <td>{l.borrowerName}</td>
                    <td>{l.quantity}</td>
                    <td>{l.dueAt ? formatDate(locale, l.dueAt) : '—'}</td>
                    <td>
                      {l.kind === 'lend' && !l.returnedAt ? (
                        <Form method="post">
                          <input type="hidden" name="intent" value="return" />
                          <input type="hidden" name="loanId" value={l.id} />
                          <button type="submit" className="secondary" aria-label={`${t('resources.goods.markReturned')}: ${l.borrowerName}`}>
                            {t('resources.goods.markReturned')}
                          </button>
                        </Form>
                      ) : l.returnedAt ? (
                        `${t('resources.goods.returned')} ${formatDate(locale, l.returnedAt)}`
                      ) : (
                        '—'
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <h3>{t('resources.goods.record')}</h3>
          <Form method="post" {...getFormProps(loanForm)}>
            <input type="hidden" name="intent" value="lend" />
            <SelectField id={loanFields.kind.id} name={loanFields.kind.name} label={t('resources.goods.kind')} options={(offer?.goodsMode === 'lendable' ? (['lend', 'give'] as const) : (['give'] as const)).map((k) => ({ value: k, label: t(`resources.goods.kind.${k}`) }))} errors={loanFields.kind.errors} required />
            <Field id={loanFields.quantity.id} name={loanFields.quantity.name} label={t('resources.quantity')} type="number" inputMode="numeric" defaultValue={1} errors={loanFields.quantity.errors} required />
            <Field id={loanFields.borrowerName.id} name={loanFields.borrowerName.name} label={t('resources.goods.borrower')} errors={loanFields.borrowerName.errors} required maxLength={40} />
            <Field id={loanFields.dueAt.id} name={loanFields.dueAt.name} label={t('resources.goods.due')} type="date" errors={loanFields.dueAt.errors} />
            <Field id={loanFields.note.id} name={loanFields.note.name} label={t('resources.goods.note')} errors={loanFields.note.errors} maxLength={200} />
            <button type="submit">{t('form.save')}</button>
          </Form>
        </section>
      ) : null}
    </>
  );
}
