// `npm run db:migrate`: applies the committed migrations to the configured database.
import { EnvError, parseEnv } from '../app/utils/env.server';
import { bootDatabase } from './boot';

try {
  const handle = await bootDatabase(parseEnv(process.env));
  console.log('Migrations applied.');
  await handle.close();
} catch (error) {
  console.error(error instanceof EnvError ? error.message : error);
  process.exit(1);
}
