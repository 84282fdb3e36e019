import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { Form, Link, useLoaderData } from '@remix-run/react';
import { z } from 'zod';
import { Field, Notice } from '../components/field';
import { formatDate } from '../i18n/locale';
import { useLocale, usePlaceName, useT } from '../i18n/use-t';
import { actorOf, type Principal } from '../permissions/principal.server';
import { requireUser } from '../permissions/permissions.server';
import { can } from '../permissions/rules';
import { decideOrganisation, organisationContact } from '../resources/members.server';
import { getPublicResource, getResourceRow, ResourceError } from '../resources/resources.server';
import { HoursText } from '../resources/ui';
import { decideBackgroundCheck, getVolunteerForStaff, readVolunteerContact } from '../resources/volunteers.server';
import { parseForm, redirectWithNotice } from '../utils/forms.server';
import { notFound, uuidParam } from '../utils/http.server';
import { pageMessages } from '../i18n/route-messages';

export const handle = pageMessages('resources');

const staffPermissions = ['resource.verify', 'volunteer.read_contact', 'organisation.verify'] as const;

/** Staff of the resource's place only; for anyone else the record does not exist. */
async function guard(request: Request, id: string) {
  const principal = await requireUser(request);
  const row = await getResourceRow(id);
  if (!row || !staffPermissions.some((p) => can(principal.roles, p, row.placePath))) throw notFound();
  return { principal, row };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const id = uuidParam(params, 'resourceId');
  const { principal, row } = await guard(request, id);
  const actor = actorOf(principal);
  const resource = await getPublicResource(id, { includeHidden: true });
  if (!resource) throw notFound();
  const volunteer = row.kind === 'volunteer' ? await getVolunteerForStaff(principal, id) : null;
  // Reading the contact is what gets audited; it happens only on this page, for entitled staff.
  const contact = row.kind === 'volunteer' ? await readVolunteerContact(principal, actor, id) : null;
  return {
    resource: { id: resource.id, name: resource.name, kind: resource.kind, organisation: 'organisation' in resource ? resource.organisation : null },
    volunteer: volunteer
      ? {
          homeZh: volunteer.homeZh,
          homeEn: volunteer.homeEn,
          availability: volunteer.profile.availability,
          maxHoursPerWeek: volunteer.profile.maxHoursPerWeek,
          travelRadius: volunteer.profile.travelRadius,
          languages: volunteer.profile.languages,
          tags: volunteer.profile.tags,
          checks: volunteer.checks.map((c) => ({ id: c.id, type: c.type, issuer: c.issuer, reference: c.reference, status: c.status, expiresAt: c.expiresAt, verifiedAt: c.verifiedAt })),
        }
      : null,
    contact,
    orgContact: row.kind === 'organisation' ? await organisationContact(id) : null,
    canVerifyChecks: can(principal.roles, 'resource.verify', row.placePath),
    canVerifyOrg: row.kind === 'organisation' && can(principal.roles, 'organisation.verify', row.placePath),
  };
}

const decision = z.object({
  intent: z.enum(['verifyCheck', 'rejectCheck', 'verifyOrganisation', 'rejectOrganisation']),
  checkId: z.string().uuid().optional(),
  expiresAt: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'resources.v.date')
    .optional(),
});

async function decide(principal: Principal, id: string, v: z.infer<typeof decision>) {
  const actor = { ...actorOf(principal), userId: principal.user.id };
  if (v.intent === 'verifyOrganisation' || v.intent === 'rejectOrganisation') {
    await decideOrganisation(principal, actor, id, v.intent === 'verifyOrganisation');
    return v.intent === 'verifyOrganisation' ? 'staffres.verified' : 'staffres.rejected';
  }
  if (!v.checkId) throw notFound();
  await decideBackgroundCheck(principal, actor, v.checkId, { verified: v.intent === 'verifyCheck', expiresAt: v.expiresAt });
  return v.intent === 'verifyCheck' ? 'staffres.verified' : 'staffres.rejected';
}

export async function action({ request, params }: ActionFunctionArgs) {
  const id = uuidParam(params, 'resourceId');
  const { principal } = await guard(request, id);
  const { submission } = await parseForm(request, decision);
  if (submission.status !== 'success') throw notFound();
  try {
    return redirectWithNotice(`/admin/resources/${id}`, await decide(principal, id, submission.value));
  } catch (e) {
    if (!(e instanceof ResourceError)) throw e;
    if (e.code === 'conflict') return redirectWithNotice(`/admin/resources/${id}`, 'staffres.alreadyDecided');
    throw notFound();
  }
}

export default function StaffResource() {
  const { resource, volunteer, contact, orgContact, canVerifyChecks, canVerifyOrg } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const placeName = usePlaceName();
  return (
    <>
      <p>
        <Link to={`/resources/${resource.id}`}>← {resource.name}</Link>
      </p>
      <h1>{t('staffres.title', { name: resource.name })}</h1>
      <p className="muted">{t(`resources.kind.${resource.kind}`)}</p>
      {contact ? (
        <section aria-labelledby="contact-h">
          <h2 id="contact-h">{t('staffres.contact')}</h2>
          <Notice>{t('staffres.contactNote')}</Notice>
          {!contact.consentToContact ? <p>{t('staffres.noConsent')}</p> : null}
          <dl>
            <dt>{t('households.memberName')}</dt>
            <dd>{contact.name}</dd>
            <dt>{t('auth.email')}</dt>
            <dd>{contact.email ?? '—'}</dd>
            <dt>{t('households.phone')}</dt>
            <dd>{contact.contactPhone ?? contact.phone ?? '—'}</dd>
          </dl>
        </section>
      ) : null}
      {volunteer ? (
        <section aria-labelledby="vol-h">
          <h2 id="vol-h">{t('resources.kind.volunteer')}</h2>
          <dl>
            <dt>{t('staffres.home')}</dt>
            <dd>
              {placeName({ nameZh: volunteer.homeZh, nameEn: volunteer.homeEn })} · {t(`resources.radius.${volunteer.travelRadius}`)}
            </dd>
            <dt>{t('staffres.availability')}</dt>
            <dd>
              <HoursText windows={volunteer.availability} /> {t('staffres.maxHours', { hours: volunteer.maxHoursPerWeek })}
            </dd>
            <dt>{t('profile.languages')}</dt>
            <dd>{volunteer.languages.map((l) => t(`resources.language.${l}`)).join('、') || '—'}</dd>
            {volunteer.tags.length ? (
              <>
                <dt>{t('profile.tags')}</dt>
                <dd>{volunteer.tags.join('、')}</dd>
              </>
            ) : null}
          </dl>
          <h3>{t('profile.checks')}</h3>
          {volunteer.checks.length ? (
            <div className="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t('profile.checkType')}</th>
                    <th scope="col">{t('profile.checkIssuer')}</th>
                    <th scope="col">{t('profile.status')}</th>
                    <th scope="col">{t('staffres.expiresAt')}</th>
                    {canVerifyChecks ? <th scope="col">{t('common.actions')}</th> : null}
                  </tr>
                </thead>
                <tbody>
                  {volunteer.checks.map((c) => (
                    <tr key={c.id}>
                      <td>{t(`resources.checkType.${c.type}`)}</td>
                      <td>
                        {c.issuer}
                        {c.reference ? ` (${c.reference})` : ''}
                      </td>
                      <td>{t(`resources.checkStatus.${c.status}`)}</td>
                      <td>{c.expiresAt ? formatDate(locale, c.expiresAt) : '—'}</td>
                      {canVerifyChecks ? (
                        <td>
                          {c.status === 'pending' ? (
                            <>
                              <Form method="post">
                                <input type="hidden" name="intent" value="verifyCheck" />
                                <input type="hidden" name="checkId" value={c.id} />
                                <Field id={`exp-${c.id}`} name="expiresAt" label={t('staffres.expiresAt')} type="date" defaultValue={c.expiresAt ? new Date(c.expiresAt).toISOString().slice(0, 10) : undefined} />
                                <button type="submit">{t('staffres.verify')}</button>
                              </Form>
                              <Form method="post">
                                <input type="hidden" name="intent" value="rejectCheck" />
                                <input type="hidden" name="checkId" value={c.id} />
                                <button type="submit" className="secondary">
                                  {t('staffres.reject')}
                                </button>
                              </Form>
                            </>
                          ) : null}
                        </td>
                      ) : null}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : (
            <p>{t('profile.noChecks')}</p>
          )}
        </section>
      ) : null}
      {resource.organisation ? (
        <section aria-labelledby="org-h">
          <h2 id="org-h">{t('resources.kind.organisation')}</h2>
          <p>
            {t(`resources.registration.${resource.organisation.registrationStatus}`)}
            {resource.organisation.registrationNumber ? ` (${resource.organisation.registrationNumber})` : ''} · {t(`resources.verification.${resource.organisation.verification}`)}
          </p>
          {orgContact ? (
            <dl>
              <dt>{t('org.contactName')}</dt>
              <dd>{orgContact.contactName ?? '—'}</dd>
              <dt>{t('org.contactPhone')}</dt>
              <dd>{orgContact.contactPhone ?? '—'}</dd>
              <dt>{t('org.contactEmail')}</dt>
              <dd>{orgContact.contactEmail ?? '—'}</dd>
            </dl>
          ) : null}
          {canVerifyOrg && resource.organisation.verification !== 'verified' ? (
            <Form method="post" style={{ display: 'inline-block', marginRight: '.5rem' }}>
              <input type="hidden" name="intent" value="verifyOrganisation" />
              <button type="submit">{t('staffres.verifyOrg')}</button>
            </Form>
          ) : null}
          {canVerifyOrg && resource.organisation.verification === 'unverified' ? (
            <Form method="post" style={{ display: 'inline-block' }}>
              <input type="hidden" name="intent" value="rejectOrganisation" />
              <button type="submit" className="secondary">
                {t('staffres.rejectOrg')}
              </button>
            </Form>
          ) : null}
        </section>
      ) : null}
    </>
  );
}
