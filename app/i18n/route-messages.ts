// Which capabilities' messages a page needs: each route declares the ones its components translate with
// (`export const handle = pageMessages('needs', 'matching')`), core always comes with the root. A test
// (tests/unit/i18n/route-messages.test.ts) fails when a route's code uses a key of a capability it does not declare.
import { useMatches } from '@remix-run/react';
import type { Capability } from './capabilities';
import { isLocale, defaultLocale } from './locale';
import { loadMessages } from './page-messages';

export interface MessagesHandle {
  messages: readonly Capability[];
}

/**
 * A route's handle naming the capabilities its page translates with. In the browser, the route's module starts
 * loading them as soon as it is loaded itself (on a navigation, beside the route's data), so they are usually there
 * before the page renders; useT waits for them otherwise.
 */
export function pageMessages(...capabilities: Capability[]): MessagesHandle {
  if (typeof document !== 'undefined') {
    const lang = document.documentElement.lang;
    // A failure here is retried (and surfaces) when the page renders.
    loadMessages(isLocale(lang) ? lang : defaultLocale, capabilities).catch(() => undefined);
  }
  return { messages: capabilities };
}

/** The capabilities of a set of route matches, core first, each once, in a stable order. */
export function capabilitiesOf(matches: readonly { handle?: unknown }[]): Capability[] {
  const all = new Set<Capability>(['core']);
  for (const m of matches) {
    const declared = (m.handle as Partial<MessagesHandle> | undefined)?.messages;
    if (declared) for (const c of declared) all.add(c);
  }
  return [...all].sort();
}

/** The capabilities the current page's routes declare. */
export function usePageCapabilities(): Capability[] {
  return capabilitiesOf(useMatches());
}
