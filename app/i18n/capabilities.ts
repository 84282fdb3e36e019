// The message tables of each capability, one chunk per capability and language, loaded by the browser when a page
// needs them (page-messages.ts). Each import() is a chunk of its own: the browser gets only the capabilities a page
// declares (route handles, see route-messages.ts), in the page's one language. Add a capability's two files here.
import type { Locale } from './locale';

export const capabilities = ['core', 'deliberation', 'exports', 'fairs', 'funds', 'matching-funds', 'matching', 'needs', 'notifications', 'operations', 'projects', 'resources', 'search', 'shifts', 'stats', 'two-factor'] as const;
export type Capability = (typeof capabilities)[number];
type Table = Record<string, string>;

export const messageChunks: Record<Locale, Record<Capability, () => Promise<Table>>> = {
  en: {
    'core': () => import('./messages/core').then((m) => m.en),
    'deliberation': () => import('./messages/deliberation').then((m) => m.en),
    'exports': () => import('./messages/exports').then((m) => m.en),
    'fairs': () => import('./messages/fairs').then((m) => m.en),
    'funds': () => import('./messages/funds').then((m) => m.en),
    'matching-funds': () => import('./messages/matching-funds').then((m) => m.en),
    'matching': () => import('./messages/matching').then((m) => m.en),
    'needs': () => import('./messages/needs').then((m) => m.en),
    'notifications': () => import('./messages/notifications').then((m) => m.en),
    'operations': () => import('./messages/operations').then((m) => m.en),
    'projects': () => import('./messages/projects').then((m) => m.en),
    'resources': () => import('./messages/resources').then((m) => m.en),
    'search': () => import('./messages/search').then((m) => m.en),
    'shifts': () => import('./messages/shifts').then((m) => m.en),
    'stats': () => import('./messages/stats').then((m) => m.en),
    'two-factor': () => import('./messages/two-factor').then((m) => m.en),
  },
  'zh-CN': {
    'core': () => import('./messages/core.zh').then((m) => m.zh),
    'deliberation': () => import('./messages/deliberation.zh').then((m) => m.zh),
    'exports': () => import('./messages/exports.zh').then((m) => m.zh),
    'fairs': () => import('./messages/fairs.zh').then((m) => m.zh),
    'funds': () => import('./messages/funds.zh').then((m) => m.zh),
    'matching-funds': () => import('./messages/matching-funds.zh').then((m) => m.zh),
    'matching': () => import('./messages/matching.zh').then((m) => m.zh),
    'needs': () => import('./messages/needs.zh').then((m) => m.zh),
    'notifications': () => import('./messages/notifications.zh').then((m) => m.zh),
    'operations': () => import('./messages/operations.zh').then((m) => m.zh),
    'projects': () => import('./messages/projects.zh').then((m) => m.zh),
    'resources': () => import('./messages/resources.zh').then((m) => m.zh),
    'search': () => import('./messages/search.zh').then((m) => m.zh),
    'shifts': () => import('./messages/shifts.zh').then((m) => m.zh),
    'stats': () => import('./messages/stats.zh').then((m) => m.zh),
    'two-factor': () => import('./messages/two-factor.zh').then((m) => m.zh),
  },
};
