// The message tables pages translate with (use-t.ts), by capability and language. It imports no messages itself, so
// that no page's JavaScript carries them. On the server entry.server.tsx registers every capability in every language;
// in the browser each capability a page declares (route-messages.ts) is loaded in the page's one language, as a chunk
// of its own: entry.client.tsx loads the first page's before hydrating; on a client-side navigation the new route's
// module starts loading its own (its handle) and useT suspends (inside Remix's transition, so the previous page stays
// on screen) until they are there. Either side translates a page with the capabilities its routes declare and nothing
// else, so both render the same words, and a key of an undeclared capability shows up (and is reported) the same way
// on the server and in the browser, on the first page and after a navigation.
import type { Capability } from './capabilities';
import { messageChunks } from './capabilities';
import type { Locale } from './locale';
import { translatorOver, type Translate } from './translate';

type Table = Record<string, string>;

const tables: Record<Locale, Partial<Record<Capability, Table>>> = { en: {}, 'zh-CN': {} };
const loading = new Map<string, Promise<void>>();
/** Chunks that failed to load (the network): not asked for again by this document, whose module map keeps the failure. */
const failed = new Set<string>();
const merged = new Map<string, { table: Table; t: Translate }>();
/** The server's: which capability each key belongs to, to name it when a page uses an undeclared one. */
let capabilityOfKey: Record<string, Capability> = {};

const isBrowser = typeof document !== 'undefined';

/** Registers one capability's messages in one language (the server registers them all). */
export function registerMessages(locale: Locale, capability: Capability, table: Table) {
  tables[locale][capability] = table;
  merged.clear();
}

/** The server registers which capability each key belongs to, so that reports name the capability to declare. */
export function registerCapabilities(map: Record<string, Capability>) {
  capabilityOfKey = map;
}

/** Whether every one of these capabilities' messages is registered in this language. */
export function hasMessages(locale: Locale, capabilities: readonly Capability[]) {
  return capabilities.every((c) => c in tables[locale]);
}

/** Whether one of these capabilities' chunks failed to load in this language: the page then shows what it has. */
export function messagesFailed(locale: Locale, capabilities: readonly Capability[]) {
  return capabilities.some((c) => failed.has(`${locale}:${c}`));
}

/** Loads these capabilities' messages in one language (each chunk once); resolves when all are registered. */
export function loadMessages(locale: Locale, capabilities: readonly Capability[]): Promise<void> {
  return Promise.all(
    capabilities.map((capability) => {
      if (capability in tables[locale]) return undefined;
      const id = `${locale}:${capability}`;
      let promise = loading.get(id);
      if (!promise) {
        promise = messageChunks[locale][capability]().then(
          (table) => registerMessages(locale, capability, table),
          (error: unknown) => {
            failed.add(id);
            throw error;
          },
        );
        loading.set(id, promise);
      }
      return promise;
    }),
  ).then(() => undefined);
}

function report(message: string) {
  if (isBrowser) {
    // An uncaught error, so that the browser tests fail on it; the page goes on.
    setTimeout(() => {
      throw new Error(message);
    });
  } else console.error(message);
}

const KEY = /^[a-zA-Z][\w-]*(\.[\w-]+)+$/;

function pageTable(locale: Locale, capabilities: readonly Capability[]) {
  const id = `${locale}|${capabilities.join(' ')}`;
  let entry = merged.get(id);
  if (!entry) {
    const table: Table = Object.assign({}, ...capabilities.map((c) => tables[locale][c] ?? {}));
    const lookup = translatorOver(table);
    const reported = new Set<string>();
    const t: Translate = (key, params) => {
      // Only what looks like a key is reported: some callers pass words already translated (an error list).
      if (!(key in table) && KEY.test(key) && !reported.has(key)) {
        reported.add(key);
        const capability = capabilityOfKey[key];
        report(
          capability
            ? `Message "${key}" belongs to the capability "${capability}", which this page's routes do not declare (export const handle = pageMessages(…)).`
            : `Message "${key}" is not among this page's messages (${capabilities.join(', ')}).`,
        );
      }
      return lookup(key, params);
    };
    entry = { table, t };
    merged.set(id, entry);
  }
  return entry;
}

/** A translator for one locale over the messages of these capabilities (a page's: its routes' declarations and core). */
export function pageTranslator(locale: Locale, capabilities: readonly Capability[]): Translate {
  return pageTable(locale, capabilities).t;
}

/** Whether a key is among these capabilities' messages: for labels tried in turn (an unknown value shown as it is). */
export function hasMessage(locale: Locale, capabilities: readonly Capability[], key: string) {
  return key in pageTable(locale, capabilities).table;
}
