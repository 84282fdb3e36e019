// Looking a key up in a message table and filling in its {placeholders}; shared by the server's translator (every
// language, messages.ts) and the pages' (the page's language and capabilities only, page-messages.ts).

export type Translate = (key: string, params?: Record<string, string | number>) => string;

/** Unknown keys fall back to the fallback table, then to the key itself. */
export function translatorOver(table: Record<string, string>, fallback: Record<string, string> = {}): Translate {
  return (key, params) => {
    const template = table[key] ?? fallback[key] ?? key;
    if (!params) return template;
    return template.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
  };
}
