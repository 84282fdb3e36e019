// All messages by locale. Each capability adds its own file beside core.ts and is merged here.
import * as core from './messages/core';
import * as deliberation from './messages/deliberation';
import * as exportsMessages from './messages/exports';
import * as fairs from './messages/fairs';
import * as funds from './messages/funds';
import * as matching from './messages/matching';
import * as matchingFunds from './messages/matching-funds';
import * as needs from './messages/needs';
import * as notifications from './messages/notifications';
import * as operations from './messages/operations';
import * as projects from './messages/projects';
import * as resources from './messages/resources';
import * as shifts from './messages/shifts';
import * as search from './messages/search';
import * as stats from './messages/stats';
import * as twoFactor from './messages/two-factor';
import type { Locale } from './locale';

export const messages = {
  en: { ...core.en, ...deliberation.en, ...exportsMessages.en, ...fairs.en, ...funds.en, ...matching.en, ...matchingFunds.en, ...needs.en, ...notifications.en, ...operations.en, ...projects.en, ...resources.en, ...search.en, ...shifts.en, ...stats.en, ...twoFactor.en },
  'zh-CN': { ...core.zh, ...deliberation.zh, ...exportsMessages.zh, ...fairs.zh, ...funds.zh, ...matching.zh, ...matchingFunds.zh, ...needs.zh, ...notifications.zh, ...operations.zh, ...projects.zh, ...resources.zh, ...search.zh, ...shifts.zh, ...stats.zh, ...twoFactor.zh },
} satisfies Record<Locale, Record<string, string>>;

export type MessageKey = keyof typeof messages.en;

export type Translate = (key: MessageKey | string, params?: Record<string, string | number>) => string;

/** A translator for one locale; unknown keys fall back to English, then to the key itself. */
export function translator(locale: Locale): Translate {
  const table = messages[locale] as Record<string, string>;
  const fallback = messages.en as Record<string, string>;
  return (key, params) => {
    const template = table[key] ?? fallback[key] ?? key;
    if (!params) return template;
    return template.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
  };
}
