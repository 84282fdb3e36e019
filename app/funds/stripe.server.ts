// The Stripe client, made only when both keys are set: without them the card option is hidden and all else works.
import Stripe from 'stripe';
import { env } from '../utils/env.server';

const CLIENT = Symbol.for('fivefold.stripe');
const ENDPOINT = Symbol.for('fivefold.stripe.endpoint');
type Endpoint = { host: string; port: number; protocol: 'http' | 'https' };
type Registry = { [CLIENT]?: Stripe; [ENDPOINT]?: Endpoint };

/** Webhook signatures older than this many seconds are refused (replays of captured requests). */
export const WEBHOOK_TOLERANCE_SECONDS = 300;

export function stripeEnabled() {
  const e = env();
  return Boolean(e.STRIPE_SECRET_KEY && e.STRIPE_WEBHOOK_SECRET);
}

export function stripeClient(): Stripe {
  const registry = globalThis as Registry;
  const key = env().STRIPE_SECRET_KEY;
  if (!key) throw new Error('Stripe is not configured (STRIPE_SECRET_KEY is unset)');
  registry[CLIENT] ??= new Stripe(key, { maxNetworkRetries: 2, timeout: 20_000, telemetry: false, ...(registry[ENDPOINT] ?? {}) });
  return registry[CLIENT];
}

/** Points the client at another server (a local fake in tests, or stripe-mock); null goes back to api.stripe.com. */
export function setStripeEndpoint(endpoint: Endpoint | null) {
  const registry = globalThis as Registry;
  registry[ENDPOINT] = endpoint ?? undefined;
  registry[CLIENT] = undefined;
}

/** Verifies the signature over the raw body and returns the event; throws if it is forged, altered or stale. */
export function verifyStripeEvent(rawBody: string, signature: string): Stripe.Event {
  const secret = env().STRIPE_WEBHOOK_SECRET;
  if (!secret) throw new Error('Stripe is not configured (STRIPE_WEBHOOK_SECRET is unset)');
  return stripeClient().webhooks.constructEvent(rawBody, signature, secret, WEBHOOK_TOLERANCE_SECONDS);
}
