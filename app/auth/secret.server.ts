// The key for cookies and keyed hashes: SESSION_SECRET, or in development one generated once and kept in the data directory.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { env } from '../utils/env.server';

const KEY = Symbol.for('fivefold.sessionSecret');
type Registry = { [KEY]?: string };

export function sessionSecret(): string {
  const registry = globalThis as Registry;
  if (registry[KEY]) return registry[KEY];
  const e = env();
  let secret = e.SESSION_SECRET;
  if (!secret) {
    if (e.NODE_ENV === 'test' || e.DATA_DIR === 'memory://') {
      secret = randomBytes(32).toString('hex');
    } else {
      const file = join(e.DATA_DIR, 'session-secret');
      if (existsSync(file)) secret = readFileSync(file, 'utf8').trim();
      else {
        mkdirSync(e.DATA_DIR, { recursive: true });
        secret = randomBytes(32).toString('hex');
        writeFileSync(file, secret, { mode: 0o600 });
      }
    }
  }
  registry[KEY] = secret;
  return secret;
}
