// The explanation rendered in the request's language on the server (dates and money formatted there).
import { formatDate, formatMoney, resolveLocale } from '../i18n/locale';
import { translator } from '../i18n/messages';
import { renderExplanation, type ExplainLine } from './explain';

export function explanationFor(request: Request, lines: ExplainLine[], currency = 'CNY') {
  const locale = resolveLocale(request);
  return renderExplanation(lines, translator(locale), { money: (m) => formatMoney(locale, m, currency), date: (d) => formatDate(locale, d) });
}
