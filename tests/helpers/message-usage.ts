// Which capabilities' messages a route's page code uses, read from the source: every file the route imports (not
// *.server modules, which stay on the server and never reach the page), its string literals that are message keys,
// and its template literals whose fixed start begins keys (`needs.status.${status}`). Used by the test that each
// route declares what it uses (route-messages.test.ts).
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import type { Capability } from '../../app/i18n/capabilities';
import { capabilityOfKey } from '../../app/i18n/keys.server';

const root = resolve(__dirname, '../..');

function resolveImport(from: string, spec: string): string | null {
  let base: string;
  if (spec.startsWith('.')) base = resolve(dirname(from), spec);
  else if (spec.startsWith('~/')) base = join(root, 'app', spec.slice(2));
  else return null;
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts'), join(base, 'index.tsx')]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return null;
}

/** Page code never carries these: server modules, and the message tables themselves. */
function staysOnServer(file: string) {
  return /\.server\.tsx?$/.test(file) || /\/app\/i18n\/(messages|keys\.server|bundle-)/.test(file) || /\.(css|json)$/.test(file);
}

/** The files a module's page code imports, itself included. */
export function pageImportGraph(entry: string): string[] {
  const seen = new Set<string>();
  const stack = [resolve(entry)];
  while (stack.length) {
    const file = stack.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/(?:^|\n)\s*(?:import|export)\s+(type\s+)?(?:[^'";]*?\s+from\s+)?['"]([^'"]+)['"]/g)) {
      if (m[1]) continue;
      const target = resolveImport(file, m[2]);
      if (target && !staysOnServer(target)) stack.push(target);
    }
  }
  return [...seen];
}

const keys = Object.keys(capabilityOfKey);

/** The capabilities whose keys a file's text names, each with one key (or key start) as the example. */
export function capabilitiesNamedIn(text: string): Map<Capability, string> {
  const found = new Map<Capability, string>();
  const code = text.replace(/^\s*\/\/.*$/gm, '');
  for (const m of code.matchAll(/'([^'\\\n]*)'|"([^"\\\n]*)"|`([^`]*)`/g)) {
    const literal = m[1] ?? m[2] ?? (m[3].includes('${') ? undefined : m[3]);
    if (literal !== undefined) {
      const capability = capabilityOfKey[literal];
      if (capability && !found.has(capability)) found.set(capability, literal);
      continue;
    }
    const start = m[3].slice(0, m[3].indexOf('${'));
    if (!/^[a-zA-Z][\w-]*\.[\w.-]*$/.test(start)) continue;
    for (const key of keys) {
      if (key.startsWith(start) && !found.has(capabilityOfKey[key])) found.set(capabilityOfKey[key], `${start}…`);
    }
  }
  return found;
}

/** The capabilities a module's page code uses, with where (file: key) each was first seen. */
export function capabilitiesUsedBy(entry: string): Map<Capability, string> {
  const used = new Map<Capability, string>();
  for (const file of pageImportGraph(entry)) {
    for (const [capability, key] of capabilitiesNamedIn(readFileSync(file, 'utf8'))) {
      if (!used.has(capability)) used.set(capability, `${relative(root, file)}: ${key}`);
    }
  }
  return used;
}

/** The capabilities a route module declares in its handle (`pageMessages('needs', …)`), or null without one. */
export function capabilitiesDeclaredBy(file: string): Capability[] | null {
  const m = /export const handle\s*=\s*pageMessages\(([^)]*)\)/.exec(readFileSync(file, 'utf8'));
  if (!m) return null;
  return [...m[1].matchAll(/'([^']+)'/g)].map((x) => x[1] as Capability);
}
