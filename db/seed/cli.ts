// `npm run db:seed`: puts the demo data into the configured database, if it is empty.
import { EnvError, parseEnv } from '../../app/utils/env.server';
import { bootDatabase } from '../boot';
import { DEMO_LOGINS, DEMO_PASSWORD, seedDemoIfEmpty } from './demo';

try {
  const env = parseEnv(process.env);
  const handle = await bootDatabase(env);
  const seeded = await seedDemoIfEmpty();
  console.log(seeded ? `Demo data created. Logins (password "${DEMO_PASSWORD}"): ${DEMO_LOGINS.map((l) => l.email).join(', ')}` : 'The database already has places: nothing seeded.');
  await handle.close();
} catch (error) {
  console.error(error instanceof EnvError ? error.message : error);
  process.exit(1);
}
