// A notification's parameters as a reader sees them: instants stored in ISO form shown as local dates and times in
// the reader's language. Pure, shared by the notification page and the daily digest email.
import { formatDate, type Locale } from '../i18n/locale';

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

export function readableParams(locale: Locale, params: Record<string, string | number>) {
  return Object.fromEntries(Object.entries(params).map(([k, v]) => [k, typeof v === 'string' && ISO_INSTANT.test(v) ? formatDate(locale, v, true) : v]));
}
