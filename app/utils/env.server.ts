// The environment, validated once at boot: a bad variable stops the process with a message naming it.
import { z } from 'zod';
import { DEVELOPMENT_KEY, parseKeyMaterial } from '../auth/secret-box.server';

const optionalUrl = (protocols: string[], example: string) =>
  z
    .string()
    .trim()
    .optional()
    .transform((v) => (v === '' ? undefined : v))
    .refine(
      (v) => {
        if (v === undefined) return true;
        try {
          return protocols.includes(new URL(v).protocol);
        } catch {
          return false;
        }
      },
      { message: `must be a URL starting with ${protocols.map((p) => p + '//').join(' or ')}, e.g. ${example}` },
    );

const optionalString = z
  .string()
  .optional()
  .transform((v) => (v === '' ? undefined : v));

const wholeNumber = (fallback: string, min: number, max: number) =>
  z
    .string()
    .default(fallback)
    .refine((v) => /^\d+$/.test(v) && Number(v) >= min && Number(v) <= max, { message: `must be a whole number from ${min} to ${max}` })
    .transform(Number);

const isDevelopmentKey = (text: string | undefined) => text !== undefined && parseKeyMaterial(text)?.equals(DEVELOPMENT_KEY) === true;
const KEY_FORMAT = 'must be 32 random bytes written as base64 or as 64 hex characters (try: openssl rand -base64 32)';

export const envSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    PORT: z
      .string()
      .default('3000')
      .refine((v) => /^\d+$/.test(v) && Number(v) >= 1 && Number(v) <= 65535, {
        message: 'must be a whole number between 1 and 65535',
      })
      .transform(Number),
    DATABASE_URL: optionalUrl(['postgres:', 'postgresql:'], 'postgres://user@127.0.0.1:5432/fivefold'),
    DATA_DIR: z.string().default('./data'),
    SESSION_SECRET: optionalString.refine((v) => v === undefined || v.length >= 32, {
      message: 'must be at least 32 characters long (try: openssl rand -hex 32)',
    }),
    SMTP_URL: optionalUrl(['smtp:', 'smtps:'], 'smtp://user:pass@mail.example.org:587'),
    MAIL_FROM: z.string().default('Fivefold <no-reply@fivefold.local>'),
    MEILI_HOST: optionalUrl(['http:', 'https:'], 'http://127.0.0.1:7700'),
    MEILI_KEY: optionalString,
    STRIPE_SECRET_KEY: optionalString.refine((v) => v === undefined || /^(sk|rk)_(test|live)_/.test(v), {
      message: 'must be a Stripe secret key starting with sk_test_, sk_live_, rk_test_ or rk_live_',
    }),
    STRIPE_WEBHOOK_SECRET: optionalString.refine((v) => v === undefined || v.startsWith('whsec_'), {
      message: 'must be a Stripe webhook signing secret starting with whsec_',
    }),
    TOTP_ENCRYPTION_KEY: optionalString.refine((v) => v === undefined || parseKeyMaterial(v) !== null, { message: KEY_FORMAT }),
    /** Keys that sealed secrets before a rotation, comma-separated: they only open, never seal. */
    TOTP_ENCRYPTION_OLD_KEYS: optionalString.refine((v) => v === undefined || v.split(',').every((k) => parseKeyMaterial(k) !== null), {
      message: 'must be a comma-separated list of keys, each 32 random bytes written as base64 or as 64 hex characters',
    }),
    PUBLIC_URL: optionalUrl(['http:', 'https:'], 'https://fivefold.example.org'),
    TRUST_PROXY: z.enum(['0', '1'], { message: 'must be 0 or 1' }).default('0'),
    WORKER_IN_PROCESS: z.enum(['0', '1'], { message: 'must be 0 or 1' }).default('0'),
    /** Web processes sharing PORT (Node's cluster), e.g. one per CPU core; more than one needs DATABASE_URL. */
    WEB_PROCESSES: wholeNumber('1', 1, 256),
    /** Requests one web process handles at once; more wait in line (server/admission.ts). 0: no limit. */
    MAX_CONCURRENT_REQUESTS: wholeNumber('16', 0, 10_000),
    /** Requests that may wait for a turn; beyond that they are refused with 503 at once. */
    REQUEST_QUEUE_LIMIT: wholeNumber('256', 0, 100_000),
    /** How long (ms) a request may wait for a turn before it is refused with 503. */
    REQUEST_QUEUE_TIMEOUT_MS: wholeNumber('10000', 1, 600_000),
    /** A line of waiting requests that has not emptied for this long (ms) is a backlog rather than a burst. */
    REQUEST_BACKLOG_AFTER_MS: wholeNumber('2000', 1, 600_000),
    /** During a backlog, how long (ms) a page view may wait before it is refused with 503; 0: as any other time. */
    REQUEST_BACKLOG_TIMEOUT_MS: wholeNumber('500', 0, 600_000),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV === 'production' && !env.SESSION_SECRET) {
      ctx.addIssue({ code: 'custom', path: ['SESSION_SECRET'], message: 'is required in production (at least 32 characters)' });
    }
    if (env.NODE_ENV === 'production' && !env.TOTP_ENCRYPTION_KEY) {
      ctx.addIssue({
        code: 'custom',
        path: ['TOTP_ENCRYPTION_KEY'],
        message: 'is required in production: it encrypts two-factor secrets (try: openssl rand -base64 32)',
      });
    }
    if (env.NODE_ENV === 'production') {
      const published = 'must not be the development key: it is published in the source, so it protects nothing';
      if (isDevelopmentKey(env.TOTP_ENCRYPTION_KEY)) ctx.addIssue({ code: 'custom', path: ['TOTP_ENCRYPTION_KEY'], message: published });
      if (env.TOTP_ENCRYPTION_OLD_KEYS?.split(',').some(isDevelopmentKey))
        ctx.addIssue({ code: 'custom', path: ['TOTP_ENCRYPTION_OLD_KEYS'], message: published });
    }
    if (env.STRIPE_SECRET_KEY && !env.STRIPE_WEBHOOK_SECRET) {
      ctx.addIssue({ code: 'custom', path: ['STRIPE_WEBHOOK_SECRET'], message: 'is required when STRIPE_SECRET_KEY is set' });
    }
    if (env.WEB_PROCESSES > 1 && !env.DATABASE_URL) {
      ctx.addIssue({
        code: 'custom',
        path: ['WEB_PROCESSES'],
        message: 'can be more than 1 only with DATABASE_URL: the embedded database is opened by one process at a time',
      });
    }
    if (env.MEILI_KEY && !env.MEILI_HOST) {
      ctx.addIssue({ code: 'custom', path: ['MEILI_HOST'], message: 'is required when MEILI_KEY is set' });
    }
  });

export type Env = z.infer<typeof envSchema>;

export class EnvError extends Error {
  constructor(public readonly problems: string[]) {
    super(`Invalid environment:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'EnvError';
  }
}

/** Parses an environment; throws an EnvError whose lines each start with the variable's name. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = envSchema.safeParse(source);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const name = String(issue.path[0] ?? 'environment');
    const given = source[name];
    // Never echo secrets back; echo only harmless values.
    const echo = given !== undefined && /^(PORT|NODE_ENV|DATA_DIR|TRUST_PROXY|WORKER_IN_PROCESS|WEB_PROCESSES|MAX_CONCURRENT_REQUESTS|REQUEST_QUEUE_LIMIT|REQUEST_QUEUE_TIMEOUT_MS|REQUEST_BACKLOG_AFTER_MS|REQUEST_BACKLOG_TIMEOUT_MS)$/.test(name) ? ` (got "${given}")` : '';
    return `${name} ${issue.message}${echo}`;
  });
  throw new EnvError(problems);
}

const KEY = Symbol.for('fivefold.env');
type Registry = { [KEY]?: Env };

export function env(): Env {
  const registry = globalThis as Registry;
  registry[KEY] ??= parseEnv(process.env);
  return registry[KEY];
}

export const isProduction = () => env().NODE_ENV === 'production';
