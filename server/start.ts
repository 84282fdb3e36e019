// Starts Fivefold: checks the environment, opens and migrates the database, seeds the demo on a first
// embedded start, encrypts two-factor secrets still stored plain, runs the job worker in-process when embedded, and serves the Remix app.
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
import { EnvError, parseEnv, type Env } from '../app/utils/env.server';

let env: Env;
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
const cluster = (await import('node:cluster')).default;

if (env.NODE_ENV === 'production' && !env.SMTP_URL && cluster.isPrimary) {
  console.warn('Warning: SMTP_URL is not set. Email (password resets, receipts) will wait in the outbox, undelivered, until it is.');
}

const started = Date.now();
const embedded = !env.DATABASE_URL;
const buildPath = resolve(process.env.FIVEFOLD_BUILD_DIR || 'build', 'index.js');
if (!existsSync(buildPath)) {
  console.error(`No build found at ${buildPath}: run \`npm run build\` first.`);
  process.exit(1);
}

/** Migrates, and seals two-factor secrets stored before they were encrypted, before anyone signs in. */
async function prepareDatabase() {
  const handle = await bootDatabase(env);
  const totp = await sealTotpSecretsAtStart();
  if (totp.sealed) console.log(`Encrypted ${totp.sealed} two-factor secret(s) that were stored in plain text.`);
  for (const [keyId, n] of Object.entries(totp.unknownKeys)) {
    console.warn(`Warning: ${n} two-factor secret(s) are encrypted under key ${keyId}, which is not in TOTP_ENCRYPTION_KEY or TOTP_ENCRYPTION_OLD_KEYS: those people can sign in only with recovery codes until it is added.`);
  }
  return handle;
}

if (env.WEB_PROCESSES > 1 && cluster.isPrimary) {
  // WEB_PROCESSES web processes share the port (Node's cluster hands each new connection to the next one); this first
  // process prepares the database once, runs the job worker if asked to, replaces a web process that dies, and stops
  // them all on SIGTERM or SIGINT. Each web process has its own connection pool and admission limits.
  const handle = await prepareDatabase();
  const worker = env.WORKER_IN_PROCESS === '1' ? await startWorker(handle, env.DATABASE_URL) : null;
  let stopping = false;
  let listening = 0;
  const recentDeaths: number[] = [];
  const fork = () => cluster.fork();
  cluster.on('listening', () => {
    listening++;
    if (listening === env.WEB_PROCESSES) {
      console.log(`Fivefold is serving http://localhost:${env.PORT} (PostgreSQL server; ${env.WEB_PROCESSES} web processes; ready in ${((Date.now() - started) / 1000).toFixed(1)} s)`);
    }
  });
  cluster.on('exit', (dead, code, signal) => {
    if (stopping) return;
    const now = Date.now();
    recentDeaths.push(now);
    while (recentDeaths.length && now - recentDeaths[0] > 60_000) recentDeaths.shift();
    console.error(`Web process ${dead.process.pid} ended (${signal ?? `exit code ${code}`}).`);
    if (recentDeaths.length > env.WEB_PROCESSES * 3) {
      console.error('Web processes keep ending (more than three each within a minute): stopping. See the errors above.');
      void shutdown('too many restarts', 1);
      return;
    }
    console.error('Starting another.');
    fork();
  });
  for (let i = 0; i < env.WEB_PROCESSES; i++) fork();

  async function shutdown(reason: string, exitCode = 0) {
    if (stopping) return;
    stopping = true;
    console.log(`${reason}: stopping.`);
    const workers = Object.values(cluster.workers ?? {}).filter((w) => w && !w.isDead());
    await Promise.all(
      workers.map(
        (w) =>
          new Promise<void>((done) => {
            w!.once('exit', () => done());
            w!.process.kill('SIGTERM');
          }),
      ),
    );
    await worker?.stop().catch(() => {});
    await handle.close().catch(() => {});
    process.exit(exitCode);
  }
  process.on('SIGINT', () => void shutdown('SIGINT received'));
  process.on('SIGTERM', () => void shutdown('SIGTERM received'));
} else {
  // One web process: the whole server, or one of WEB_PROCESSES started by the first (which prepared the database).
  const inCluster = cluster.isWorker;
  const handle = inCluster ? await bootDatabase(env) : await prepareDatabase();

  // Demo data only ever arrives by itself in the embedded default, never on a production start.
  let seeded = false;
  if (embedded && env.NODE_ENV !== 'production') seeded = await seedDemoIfEmpty();

  const worker = !inCluster && (embedded || env.WORKER_IN_PROCESS === '1') ? await startWorker(handle, env.DATABASE_URL) : null;

  const build = await import(pathToFileURL(buildPath).href);
  const app = createApp(build, env.TRUST_PROXY === '1', {
    concurrency: env.MAX_CONCURRENT_REQUESTS,
    queueLimit: env.REQUEST_QUEUE_LIMIT,
    maxWaitMs: env.REQUEST_QUEUE_TIMEOUT_MS,
    backlogAfterMs: env.REQUEST_BACKLOG_AFTER_MS,
    backlogWaitMs: env.REQUEST_BACKLOG_TIMEOUT_MS,
  });
  const server = app.listen(env.PORT, () => {
    if (inCluster) return;
    const url = `http://localhost:${env.PORT}`;
    console.log(`Fivefold is serving ${url} (${embedded ? `embedded database in ${env.DATA_DIR}` : 'PostgreSQL server'}; ready in ${((Date.now() - started) / 1000).toFixed(1)} s)`);
    if (embedded && env.NODE_ENV !== 'production') {
      console.log(seeded ? 'Demo data was created.' : 'Using the existing data.');
      console.log(`Demo logins (password "${DEMO_PASSWORD}"):`);
      for (const l of DEMO_LOGINS) console.log(`  ${l.email.padEnd(30)} ${l.label}`);
    }
  });

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    if (!inCluster) console.log(`${signal} received: stopping.`);
    server.close();
    await worker?.stop().catch(() => {});
    await handle.close().catch(() => {});
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}
