// Starts Fivefold: checks the environment, opens and migrates the database, seeds the demo on a first
// embedded start, encrypts two-factor secrets still stored plain, runs the job worker in-process when embedded, and serves the Remix app.
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
import { EnvError, parseEnv } from '../app/utils/env.server';

let env;
try {
  env = parseEnv(process.env);
} catch (error) {
  if (error instanceof EnvError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}
process.env.NODE_ENV = env.NODE_ENV;

const { bootDatabase } = await import('../db/boot');
const { seedDemoIfEmpty, DEMO_LOGINS, DEMO_PASSWORD } = await import('../db/seed/demo');
const { startWorker } = await import('../jobs/start-worker');
const { createApp } = await import('./app');
const { sealTotpSecretsAtStart } = await import('../app/auth/totp-secrets.server');

if (env.NODE_ENV === 'production' && !env.SMTP_URL) {
  console.warn('Warning: SMTP_URL is not set. Email (password resets, receipts) will wait in the outbox, undelivered, until it is.');
}

const started = Date.now();
const handle = await bootDatabase(env);
const embedded = !env.DATABASE_URL;

// Two-factor secrets stored before they were encrypted are sealed before anyone signs in.
const totp = await sealTotpSecretsAtStart();
if (totp.sealed) console.log(`Encrypted ${totp.sealed} two-factor secret(s) that were stored in plain text.`);
for (const [keyId, n] of Object.entries(totp.unknownKeys)) {
  console.warn(`Warning: ${n} two-factor secret(s) are encrypted under key ${keyId}, which is not in TOTP_ENCRYPTION_KEY or TOTP_ENCRYPTION_OLD_KEYS: those people can sign in only with recovery codes until it is added.`);
}

// Demo data only ever arrives by itself in the embedded default, never on a production start.
let seeded = false;
if (embedded && env.NODE_ENV !== 'production') seeded = await seedDemoIfEmpty();

const worker = embedded || env.WORKER_IN_PROCESS === '1' ? await startWorker(handle, env.DATABASE_URL) : null;

const buildPath = resolve(process.env.FIVEFOLD_BUILD_DIR || 'build', 'index.js');
if (!existsSync(buildPath)) {
  console.error(`No build found at ${buildPath}: run \`npm run build\` first.`);
  process.exit(1);
}
const build = await import(pathToFileURL(buildPath).href);
const app = createApp(build, env.TRUST_PROXY === '1', {
  concurrency: env.MAX_CONCURRENT_REQUESTS,
  queueLimit: env.REQUEST_QUEUE_LIMIT,
  maxWaitMs: env.REQUEST_QUEUE_TIMEOUT_MS,
});
const server = app.listen(env.PORT, () => {
  const url = `http://localhost:${env.PORT}`;
  console.log(`Fivefold is serving ${url} (${embedded ? `embedded database in ${env.DATA_DIR}` : 'PostgreSQL server'}; ready in ${((Date.now() - started) / 1000).toFixed(1)} s)`);
  if (embedded && env.NODE_ENV !== 'production') {
    console.log(seeded ? 'Demo data was created.' : 'Using the existing data.');
    console.log(`Demo logins (password "${DEMO_PASSWORD}"):`);
    for (const l of DEMO_LOGINS) console.log(`  ${l.email.padEnd(30)} ${l.label}`);
  }
});

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  console.log(`${signal} received: stopping.`);
  server.close();
  await worker?.stop().catch(() => {});
  await handle.close().catch(() => {});
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
