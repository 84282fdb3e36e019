import { describe, expect, it } from 'vitest';
import { DEVELOPMENT_KEY } from '../../../app/auth/secret-box.server';
import { EnvError, parseEnv } from '../../../app/utils/env.server';

function problemsOf(source: Record<string, string | undefined>): EnvError {
  try {
    parseEnv(source);
  } catch (error) {
    expect(error).toBeInstanceOf(EnvError);
    return error as EnvError;
  }
  throw new Error('parseEnv accepted a bad environment');
}

const GOOD_SECRET = 'a'.repeat(32);
const GOOD_KEY = 'q0ZkT1Yb6sFr8pXK2Lw9mN3vC4hJ5gD7eA1uR0iS6tY=';

describe('parseEnv', () => {
  it('accepts an empty environment with development defaults', () => {
    const env = parseEnv({});
    expect(env).toMatchObject({ NODE_ENV: 'development', PORT: 3000, DATA_DIR: './data' });
    expect(env.DATABASE_URL).toBeUndefined();
  });

  it('accepts a complete production environment', () => {
    const env = parseEnv({
      NODE_ENV: 'production',
      PORT: '8080',
      DATABASE_URL: 'postgresql://app@db.internal:5432/fivefold',
      SESSION_SECRET: GOOD_SECRET,
      TOTP_ENCRYPTION_KEY: GOOD_KEY,
      STRIPE_SECRET_KEY: 'sk_live_abc',
      STRIPE_WEBHOOK_SECRET: 'whsec_abc',
    });
    expect(env.PORT).toBe(8080);
    expect(env.DATABASE_URL).toBe('postgresql://app@db.internal:5432/fivefold');
  });

  it('treats empty strings as unset', () => {
    expect(parseEnv({ DATABASE_URL: '', SESSION_SECRET: '', STRIPE_SECRET_KEY: '' })).toMatchObject({
      DATABASE_URL: undefined,
      SESSION_SECRET: undefined,
      STRIPE_SECRET_KEY: undefined,
    });
  });

  it.each(['0', '65536', '80a', '-1', '3000.5', 'http'])('refuses PORT=%s and names PORT', (port) => {
    const error = problemsOf({ PORT: port });
    expect(error.problems).toHaveLength(1);
    expect(error.problems[0]).toMatch(/^PORT /);
    expect(error.message).toContain('PORT');
  });

  it('refuses a DATABASE_URL that is not postgres, without echoing it (it may hold a password)', () => {
    const error = problemsOf({ DATABASE_URL: 'mysql://app:hunter2-secret@db:3306/fivefold' });
    expect(error.problems[0]).toMatch(/^DATABASE_URL /);
    expect(error.message).not.toContain('hunter2-secret');
  });

  it('refuses a DATABASE_URL that is not a URL at all', () => {
    expect(problemsOf({ DATABASE_URL: 'localhost:5432' }).problems[0]).toMatch(/^DATABASE_URL /);
  });

  it('requires SESSION_SECRET in production', () => {
    const error = problemsOf({ NODE_ENV: 'production', TOTP_ENCRYPTION_KEY: GOOD_KEY });
    expect(error.problems).toEqual([expect.stringMatching(/^SESSION_SECRET .*required in production/)]);
  });

  it('requires TOTP_ENCRYPTION_KEY in production, and only there', () => {
    const error = problemsOf({ NODE_ENV: 'production', SESSION_SECRET: GOOD_SECRET });
    expect(error.problems).toEqual([expect.stringMatching(/^TOTP_ENCRYPTION_KEY is required in production/)]);
    expect(parseEnv({ NODE_ENV: 'development' }).TOTP_ENCRYPTION_KEY).toBeUndefined();
    expect(parseEnv({ NODE_ENV: 'production', SESSION_SECRET: GOOD_SECRET, TOTP_ENCRYPTION_KEY: 'ab'.repeat(32) }).TOTP_ENCRYPTION_KEY).toBe('ab'.repeat(32));
  });

  it.each(['too-short', 'a'.repeat(63), 'g'.repeat(64), 'YWJj'])('refuses TOTP_ENCRYPTION_KEY=%s without echoing it', (key) => {
    const error = problemsOf({ TOTP_ENCRYPTION_KEY: key });
    expect(error.problems).toEqual([expect.stringMatching(/^TOTP_ENCRYPTION_KEY must be 32 random bytes/)]);
    expect(error.message).not.toContain(key);
  });

  it('refuses a malformed old key, naming TOTP_ENCRYPTION_OLD_KEYS', () => {
    const error = problemsOf({ TOTP_ENCRYPTION_KEY: GOOD_KEY, TOTP_ENCRYPTION_OLD_KEYS: `${'cd'.repeat(32)},oops` });
    expect(error.problems).toEqual([expect.stringMatching(/^TOTP_ENCRYPTION_OLD_KEYS /)]);
  });

  it('refuses the published development key in production', () => {
    const development = DEVELOPMENT_KEY.toString('base64');
    expect(problemsOf({ NODE_ENV: 'production', SESSION_SECRET: GOOD_SECRET, TOTP_ENCRYPTION_KEY: development }).problems).toEqual([
      expect.stringMatching(/^TOTP_ENCRYPTION_KEY must not be the development key/),
    ]);
    expect(
      problemsOf({
        NODE_ENV: 'production',
        SESSION_SECRET: GOOD_SECRET,
        TOTP_ENCRYPTION_KEY: GOOD_KEY,
        TOTP_ENCRYPTION_OLD_KEYS: DEVELOPMENT_KEY.toString('hex'),
      }).problems,
    ).toEqual([expect.stringMatching(/^TOTP_ENCRYPTION_OLD_KEYS must not be the development key/)]);
  });

  it('limits requests in flight by default, and refuses a limit that is not a whole number, naming it', () => {
    expect(parseEnv({})).toMatchObject({
      MAX_CONCURRENT_REQUESTS: 16,
      REQUEST_QUEUE_LIMIT: 256,
      REQUEST_QUEUE_TIMEOUT_MS: 10_000,
      REQUEST_BACKLOG_AFTER_MS: 2000,
      REQUEST_BACKLOG_TIMEOUT_MS: 500,
    });
    expect(parseEnv({ MAX_CONCURRENT_REQUESTS: '0' }).MAX_CONCURRENT_REQUESTS).toBe(0);
    expect(parseEnv({ REQUEST_BACKLOG_TIMEOUT_MS: '0' }).REQUEST_BACKLOG_TIMEOUT_MS).toBe(0);
    const error = problemsOf({ MAX_CONCURRENT_REQUESTS: 'lots', REQUEST_QUEUE_TIMEOUT_MS: '0', REQUEST_BACKLOG_AFTER_MS: '-5' });
    expect(error.problems).toEqual([
      'MAX_CONCURRENT_REQUESTS must be a whole number from 0 to 10000 (got "lots")',
      'REQUEST_QUEUE_TIMEOUT_MS must be a whole number from 1 to 600000 (got "0")',
      'REQUEST_BACKLOG_AFTER_MS must be a whole number from 1 to 600000 (got "-5")',
    ]);
  });

  it('runs one web process by default, several only on a PostgreSQL server', () => {
    expect(parseEnv({}).WEB_PROCESSES).toBe(1);
    expect(parseEnv({ WEB_PROCESSES: '4', DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/fivefold' }).WEB_PROCESSES).toBe(4);
    expect(problemsOf({ WEB_PROCESSES: '2' }).problems).toEqual([
      'WEB_PROCESSES can be more than 1 only with DATABASE_URL: the embedded database is opened by one process at a time (got "2")',
    ]);
    expect(problemsOf({ WEB_PROCESSES: '0', DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/fivefold' }).problems).toEqual([
      'WEB_PROCESSES must be a whole number from 1 to 256 (got "0")',
    ]);
  });

  it('refuses a short SESSION_SECRET without echoing it', () => {
    const error = problemsOf({ NODE_ENV: 'production', SESSION_SECRET: 'tooshort-s3cret' });
    expect(error.problems[0]).toMatch(/^SESSION_SECRET .*32 characters/);
    expect(error.message).not.toContain('tooshort-s3cret');
  });

  it('refuses a Stripe publishable key as STRIPE_SECRET_KEY without echoing it', () => {
    const error = problemsOf({ STRIPE_SECRET_KEY: 'pk_live_51Hs3cretValue', STRIPE_WEBHOOK_SECRET: 'whsec_x' });
    expect(error.problems).toEqual([expect.stringMatching(/^STRIPE_SECRET_KEY .*sk_test_/)]);
    expect(error.message).not.toContain('pk_live_51Hs3cretValue');
  });

  it('requires the webhook secret once a Stripe key is set', () => {
    expect(problemsOf({ STRIPE_SECRET_KEY: 'sk_test_abc' }).problems).toEqual([expect.stringMatching(/^STRIPE_WEBHOOK_SECRET /)]);
  });

  it('does not echo a bad SMTP_URL, which carries the mail password', () => {
    const error = problemsOf({ SMTP_URL: 'http://user:mailpass-123@mail.example.org' });
    expect(error.problems[0]).toMatch(/^SMTP_URL /);
    expect(error.message).not.toContain('mailpass-123');
  });

  it('reports every bad variable at once, and echoes harmless values to help', () => {
    const error = problemsOf({ PORT: 'eighty', DATABASE_URL: 'nope', NODE_ENV: 'staging' });
    const names = error.problems.map((p) => p.split(' ')[0]).sort();
    expect(names).toEqual(['DATABASE_URL', 'NODE_ENV', 'PORT']);
    expect(error.message).toContain('(got "eighty")');
  });
});
