// `npm run admin:create -- <email> "<name>"`: the first administrator of a site, from the server's console.
// Prints a single-use link (valid 24 hours) where they set their password.
import { adminInput, createAdministrator } from '../app/people/first-admin.server';
import { EnvError, parseEnv } from '../app/utils/env.server';
import { bootDatabase } from '../db/boot';

const [email, ...nameParts] = process.argv.slice(2);
const parsed = adminInput.safeParse({ email: email ?? '', name: nameParts.join(' ') });
if (!parsed.success) {
  console.error('Usage: npm run admin:create -- <email> "<name>"');
  for (const issue of parsed.error.issues) console.error(`  ${issue.path.join('.')} ${issue.message}`);
  process.exit(2);
}

try {
  const env = parseEnv(process.env);
  const handle = await bootDatabase(env);
  const result = await createAdministrator(parsed.data);
  const origin = env.PUBLIC_URL ?? `http://localhost:${env.PORT}`;
  console.log(
    `${result.created ? 'Created' : 'Found'} ${parsed.data.email}${result.granted ? ' and made them an administrator' : ' (already an administrator)'}.\n` +
      `They set their password here within 24 hours (single use):\n  ${origin}${result.path}`,
  );
  await handle.close();
} catch (error) {
  console.error(error instanceof EnvError ? error.message : error);
  process.exit(1);
}
