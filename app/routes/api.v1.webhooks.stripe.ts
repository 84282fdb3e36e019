import type { ActionFunctionArgs } from '@remix-run/node';
import { apiError, handleApi, methodNotAllowed } from '../api/errors.server';
import { handleStripeEvent } from '../funds/card.server';
import { stripeEnabled, verifyStripeEvent } from '../funds/stripe.server';

// Stripe calls this with signed events. The signature is checked over the raw body before anything is parsed.
export function loader() {
  return methodNotAllowed(['POST']);
}

export function action({ request }: ActionFunctionArgs) {
  return handleApi(async () => {
    if (request.method !== 'POST') return methodNotAllowed(['POST']);
    if (!stripeEnabled()) return apiError(404, 'not_found', 'Card donations are not configured here.');
    const signature = request.headers.get('Stripe-Signature');
    if (!signature) return apiError(400, 'bad_request', 'The Stripe-Signature header is missing.');
    const raw = await request.text();
    let event;
    try {
      event = verifyStripeEvent(raw, signature);
    } catch {
      return apiError(400, 'bad_request', 'The signature does not match the body, or it is too old.');
    }
    const outcome = await handleStripeEvent(event);
    // Any answer other than 2xx makes Stripe deliver the event again later.
    if (outcome === 'retry') return apiError(409, 'conflict', 'This event cannot be applied yet; deliver it again later.');
    return Response.json({ received: true, outcome });
  });
}
