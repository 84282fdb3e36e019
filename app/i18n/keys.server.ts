// Message keys on the server: whether a string is one (for loaders that show a key passed in a link), which
// capability each belongs to, every capability's table in every language (registered for rendering pages by
// entry.server.tsx), and the translator for loaders that send words. Kept out of pages' JavaScript: it holds them all.
import type { Capability } from './capabilities';
import type { Locale } from './locale';
import { messages, translator, type MessageKey } from './messages';
import { en as coreEn } from './messages/core';
import { zh as coreZh } from './messages/core.zh';
import { en as deliberationEn } from './messages/deliberation';
import { zh as deliberationZh } from './messages/deliberation.zh';
import { en as exportsEn } from './messages/exports';
import { zh as exportsZh } from './messages/exports.zh';
import { en as fairsEn } from './messages/fairs';
import { zh as fairsZh } from './messages/fairs.zh';
import { en as fundsEn } from './messages/funds';
import { zh as fundsZh } from './messages/funds.zh';
import { en as matchingFundsEn } from './messages/matching-funds';
import { zh as matchingFundsZh } from './messages/matching-funds.zh';
import { en as matchingEn } from './messages/matching';
import { zh as matchingZh } from './messages/matching.zh';
import { en as needsEn } from './messages/needs';
import { zh as needsZh } from './messages/needs.zh';
import { en as notificationsEn } from './messages/notifications';
import { zh as notificationsZh } from './messages/notifications.zh';
import { en as operationsEn } from './messages/operations';
import { zh as operationsZh } from './messages/operations.zh';
import { en as projectsEn } from './messages/projects';
import { zh as projectsZh } from './messages/projects.zh';
import { en as resourcesEn } from './messages/resources';
import { zh as resourcesZh } from './messages/resources.zh';
import { en as searchEn } from './messages/search';
import { zh as searchZh } from './messages/search.zh';
import { en as shiftsEn } from './messages/shifts';
import { zh as shiftsZh } from './messages/shifts.zh';
import { en as statsEn } from './messages/stats';
import { zh as statsZh } from './messages/stats.zh';
import { en as twoFactorEn } from './messages/two-factor';
import { zh as twoFactorZh } from './messages/two-factor.zh';

export const isMessageKey = (key: string): key is MessageKey => key in messages.en;

/** Every capability's messages, per language. */
export const messageTables: Record<Locale, Record<Capability, Record<string, string>>> = {
  en: {
    'core': coreEn,
    'deliberation': deliberationEn,
    'exports': exportsEn,
    'fairs': fairsEn,
    'funds': fundsEn,
    'matching-funds': matchingFundsEn,
    'matching': matchingEn,
    'needs': needsEn,
    'notifications': notificationsEn,
    'operations': operationsEn,
    'projects': projectsEn,
    'resources': resourcesEn,
    'search': searchEn,
    'shifts': shiftsEn,
    'stats': statsEn,
    'two-factor': twoFactorEn,
  },
  'zh-CN': {
    'core': coreZh,
    'deliberation': deliberationZh,
    'exports': exportsZh,
    'fairs': fairsZh,
    'funds': fundsZh,
    'matching-funds': matchingFundsZh,
    'matching': matchingZh,
    'needs': needsZh,
    'notifications': notificationsZh,
    'operations': operationsZh,
    'projects': projectsZh,
    'resources': resourcesZh,
    'search': searchZh,
    'shifts': shiftsZh,
    'stats': statsZh,
    'two-factor': twoFactorZh,
  },
};

/** The capability whose messages file holds each key. */
export const capabilityOfKey: Record<string, Capability> = Object.fromEntries(
  Object.entries(messageTables.en).flatMap(([capability, table]) => Object.keys(table).map((key) => [key, capability as Capability])),
);

/** A notice passed in a link (?notice=key), in words: only known keys, so a crafted link cannot put words on the page. */
export function noticeText(locale: Locale, key: string | null): string | null {
  return key && isMessageKey(key) ? translator(locale)(key) : null;
}

/**
 * For loaders whose data carries keys of any capability (notifications, notices): they send the words, since a page
 * loads only the messages of the capabilities its routes declare.
 */
export { translator };
