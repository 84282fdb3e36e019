import type { LoaderFunctionArgs } from '@remix-run/node';
import { z } from 'zod';
import { apiError, handleApi, zodFields } from '../api/errors.server';
import { listFunds } from '../funds/funds.server';
import { fundJson } from '../funds/serialize';
import { fundKinds } from '../funds/values';

// Funds are public: names, holders and balances derived from the ledger.
const query = z.object({
  place: z.string().uuid('must be a place id (UUID)').optional(),
  kind: z.enum(fundKinds, { errorMap: () => ({ message: `must be one of ${fundKinds.join(', ')}` }) }).optional(),
});

export function loader({ request }: LoaderFunctionArgs) {
  return handleApi(async () => {
    const parsed = query.safeParse(Object.fromEntries(new URL(request.url).searchParams));
    if (!parsed.success) return apiError(400, 'validation_failed', 'The query is not valid.', zodFields(parsed.error));
    const funds = await listFunds({ placeId: parsed.data.place, kind: parsed.data.kind });
    return Response.json({ data: funds.map(fundJson) });
  });
}
