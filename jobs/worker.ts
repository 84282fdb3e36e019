// `npm run worker`: the job worker as its own process, for a PostgreSQL server (production).
import { EnvError, parseEnv } from '../app/utils/env.server';
import { bootDatabase } from '../db/boot';
import { startWorker } from './start-worker';

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
if (!env.DATABASE_URL) {
  console.error('DATABASE_URL is required for a separate worker: the embedded database runs its worker inside `npm start`.');
  process.exit(1);
}
const handle = await bootDatabase(env);
const worker = await startWorker(handle, env.DATABASE_URL);
console.log('Fivefold worker started.');
const stop = async () => {
  await worker.stop();
  await handle.close();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
