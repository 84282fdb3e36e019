// Pieces shared by the shift pages: when a shift is, a card for lists, and the message of a sign-up outcome.
import { Link } from '@remix-run/react';
import { formatDate } from '../i18n/locale';
import { useLocale, usePlaceName, useT } from '../i18n/use-t';

export interface ShiftLike {
  id: string;
  title: string;
  role: string;
  spots: number;
  booked: number;
  waiting: number;
  timing: string;
  startsAt: string | Date;
  endsAt: string | Date;
  durationMinutes: number | null;
  location: string;
  communityZh: string | null;
  communityEn: string | null;
  placeZh?: string | null;
  placeEn?: string | null;
  recurrence: string;
  status: string;
}

const time = (d: string | Date) => new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', timeZone: 'Asia/Shanghai' }).format(new Date(d));

/** "Tue, 3 Jun 2026, 09:30–12:00" in the page's language, Asia/Shanghai time. */
export function useWhen() {
  const locale = useLocale();
  const t = useT();
  return (s: Pick<ShiftLike, 'timing' | 'startsAt' | 'endsAt' | 'durationMinutes'>) => {
    if (s.timing === 'window') {
      const base = t('shifts.window', { from: formatDate(locale, s.startsAt, true), to: formatDate(locale, s.endsAt, true) });
      return s.durationMinutes ? `${base} (${t('shifts.windowDuration', { hours: (s.durationMinutes / 60).toFixed(1) })})` : base;
    }
    const day = new Intl.DateTimeFormat(locale, { weekday: 'short', year: 'numeric', month: 'short', day: 'numeric', timeZone: 'Asia/Shanghai' }).format(new Date(s.startsAt));
    return `${day} ${time(s.startsAt)}–${time(s.endsAt)}`;
  };
}

export function SpotsLine({ s }: { s: Pick<ShiftLike, 'spots' | 'booked' | 'waiting'> }) {
  const t = useT();
  const free = Math.max(0, s.spots - Number(s.booked));
  return (
    <span>
      {free > 0 ? t('shifts.spotsLeft', { free, spots: s.spots }) : <strong>{t('shifts.full')}</strong>}
      {Number(s.waiting) > 0 ? ` · ${t('shifts.waiting', { n: s.waiting })}` : null}
    </span>
  );
}

export function ShiftCard({ s }: { s: ShiftLike }) {
  const t = useT();
  const when = useWhen();
  const placeName = usePlaceName();
  return (
    <li className="card">
      <h3>
        <Link to={`/shifts/${s.id}`}>{s.title}</Link>
      </h3>
      <p>
        {t('shifts.role')}: {s.role}
        {s.recurrence === 'weekly' ? ` · ${t('shifts.weekly')}` : null}
      </p>
      <p>{when(s)}</p>
      <p className="muted">{[placeName({ nameZh: s.communityZh, nameEn: s.communityEn }), s.location].filter(Boolean).join(' · ')}</p>
      <p>
        <SpotsLine s={s} />
      </p>
    </li>
  );
}
