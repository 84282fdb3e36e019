import type { LoaderFunctionArgs } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { formatDate } from '../i18n/locale';
import { useLocale, useT } from '../i18n/use-t';
import { listMailbox } from '../mail/mail.server';
import { isProduction } from '../utils/env.server';
import { notFound } from '../utils/http.server';

// Development only: in production this page does not exist.
export async function loader(_: LoaderFunctionArgs) {
  if (isProduction()) throw notFound();
  return { messages: await listMailbox() };
}

export default function Mailbox() {
  const { messages } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  return (
    <>
      <h1>{t('mailbox.title')}</h1>
      <p>{t('mailbox.intro')}</p>
      {messages.length ? (
        messages.map((m) => (
          <article key={m.id} className="card" aria-label={m.subject}>
            <h2>{m.subject}</h2>
            <p className="muted">
              {t('mailbox.to')}: {m.to} · {formatDate(locale, m.createdAt, true)}
            </p>
            <pre className="mail">{m.text}</pre>
          </article>
        ))
      ) : (
        <p>{t('mailbox.empty')}</p>
      )}
    </>
  );
}
