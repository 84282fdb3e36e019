import type { LoaderFunctionArgs } from '@remix-run/node';
import { apiError, handleApi } from '../api/errors.server';
import { getFund } from '../funds/funds.server';
import { fundJson } from '../funds/serialize';

// One fund, public: its holder and its balance, income, spending and in-kind gifts, derived from the ledger.
export function loader({ params }: LoaderFunctionArgs) {
  return handleApi(async () => {
    const fund = await getFund(params.fundId ?? '');
    if (!fund) return apiError(404, 'not_found', 'There is no such fund.');
    return Response.json(fundJson(fund));
  });
}
