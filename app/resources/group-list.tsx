// The list of one's teams or organisations with members, invitations and requests (no JavaScript needed).
import { Form, Link } from '@remix-run/react';
import { useT } from '../i18n/use-t';

interface Member {
  id: string;
  name: string;
  role: string;
  status: string;
}
export interface GroupView {
  id: string;
  name: string;
  role: string;
  status: string;
  membershipId: string;
  members: Member[] | null;
}

function Decide({ membershipId, decision, label, secondary }: { membershipId: string; decision: string; label: string; secondary?: boolean }) {
  return (
    <Form method="post" style={{ display: 'inline-block', marginRight: '.5rem' }}>
      <input type="hidden" name="intent" value="decide" />
      <input type="hidden" name="membershipId" value={membershipId} />
      <input type="hidden" name="decision" value={decision} />
      <button type="submit" className={secondary ? 'secondary' : undefined}>
        {label}
      </button>
    </Form>
  );
}

export function GroupList({ groups, inviteErrors, inviteGroupId }: { groups: GroupView[]; inviteErrors?: string[]; inviteGroupId?: string }) {
  const t = useT();
  return (
    <>
      {groups.map((g) => (
        <section key={g.id} className="card" aria-labelledby={`g-${g.id}`}>
          <h2 id={`g-${g.id}`}>
            <Link to={`/resources/${g.id}`}>{g.name}</Link>
          </h2>
          <p className="muted">
            {t(`resources.memberRole.${g.role}`)} · {t(`resources.membership.${g.status}`)}
          </p>
          {g.status === 'invited' ? (
            <>
              <Decide membershipId={g.membershipId} decision="accept" label={t('team.accept')} />
              <Decide membershipId={g.membershipId} decision="decline" label={t('team.decline')} secondary />
            </>
          ) : g.status === 'active' ? (
            <Decide membershipId={g.membershipId} decision="leave" label={t('team.leave')} secondary />
          ) : null}
          {g.members ? (
            <>
              <h3>{t('team.members')}</h3>
              <ul>
                {g.members.map((m) => (
                  <li key={m.id}>
                    {m.name} <span className="muted">({t(`resources.memberRole.${m.role}`)} · {t(`resources.membership.${m.status}`)})</span>{' '}
                    {m.status === 'requested' ? (
                      <>
                        <Decide membershipId={m.id} decision="accept" label={`${t('team.accept')}: ${m.name}`} />
                        <Decide membershipId={m.id} decision="decline" label={`${t('team.decline')}: ${m.name}`} secondary />
                      </>
                    ) : null}
                  </li>
                ))}
              </ul>
              <Form method="post" className="inline-form">
                <input type="hidden" name="intent" value="invite" />
                <input type="hidden" name="groupId" value={g.id} />
                <div className="field">
                  <label htmlFor={`invite-${g.id}`}>{t('team.invite')}</label>
                  <input id={`invite-${g.id}`} name="email" type="email" required autoComplete="off" aria-invalid={inviteGroupId === g.id && inviteErrors?.length ? true : undefined} aria-describedby={inviteGroupId === g.id && inviteErrors?.length ? `invite-${g.id}-errors` : undefined} />
                  {inviteGroupId === g.id && inviteErrors?.length ? (
                    <ul id={`invite-${g.id}-errors`} className="field-errors">
                      {inviteErrors.map((e) => (
                        <li key={e}>{t(e)}</li>
                      ))}
                    </ul>
                  ) : null}
                </div>
                <button type="submit">{t('team.invite')}</button>
              </Form>
            </>
          ) : null}
        </section>
      ))}
    </>
  );
}
