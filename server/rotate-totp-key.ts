// `npm run totp:rotate`: re-encrypts every two-factor secret under TOTP_ENCRYPTION_KEY, opening each with whichever
// key sealed it (the old ones listed in TOTP_ENCRYPTION_OLD_KEYS). Safe to run while the site serves, and again.
// Exits 1 when some secret could not be opened, naming its owner's id and key id (never the secret).
import { rotateTotpSecrets, totpKeyring } from '../app/auth/totp-secrets.server';
import { EnvError, parseEnv } from '../app/utils/env.server';
import { bootDatabase } from '../db/boot';

try {
  const env = parseEnv(process.env);
  const handle = await bootDatabase(env);
  const report = await rotateTotpSecrets();
  console.log(`Current key: ${totpKeyring().currentId}. Re-encrypted ${report.resealed} two-factor secret(s); ${report.current} were already under it.`);
  for (const u of report.unreadable) {
    console.error(
      `  user ${u.userId}: ${
        u.reason === 'unknown_key'
          ? `encrypted under key ${u.keyId}, which is not configured`
          : u.reason === 'tampered'
          ? `does not authenticate under key ${u.keyId}`
          : 'not an encrypted secret'
      }`,
    );
  }
  if (report.unreadable.length) {
    console.error(
      `${report.unreadable.length} secret(s) could not be opened and were left as they are. Add the key that sealed them to TOTP_ENCRYPTION_OLD_KEYS and run this again; ` +
        'keep every old key until this command reports none.',
    );
  }
  await handle.close();
  process.exit(report.unreadable.length ? 1 : 0);
} catch (error) {
  console.error(error instanceof EnvError ? error.message : error);
  process.exit(1);
}
