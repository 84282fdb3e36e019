import type { LoaderFunctionArgs } from '@remix-run/node';
import { z } from 'zod';
import { apiError, handleApi, zodFields } from '../api/errors.server';
import { getFund } from '../funds/funds.server';
import { allMovements, ledgerJournal, listMovements, movementsToCsv } from '../funds/ledger.server';
import { movementJson } from '../funds/serialize';
import { groupKinds } from '../funds/values';

// A fund's public ledger: JSON pages, or the whole of it as CSV or as an hledger/ledger journal.
const query = z.object({
  format: z.enum(['json', 'csv', 'journal'], { errorMap: () => ({ message: 'must be json, csv or journal' }) }).default('json'),
  kind: z.enum(groupKinds, { errorMap: () => ({ message: `must be one of ${groupKinds.join(', ')}` }) }).optional(),
  from: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD').optional(),
  to: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD').optional(),
  page: z.coerce.number().int().min(1, 'must be 1 or more').default(1),
  per_page: z.coerce.number().int().min(1).max(500, 'must be at most 500').default(100),
});

export function loader({ request, params }: LoaderFunctionArgs) {
  return handleApi(async () => {
    const fund = await getFund(params.fundId ?? '');
    if (!fund) return apiError(404, 'not_found', 'There is no such fund.');
    const parsed = query.safeParse(Object.fromEntries(new URL(request.url).searchParams));
    if (!parsed.success) return apiError(400, 'validation_failed', 'The query is not valid.', zodFields(parsed.error));
    const { format, kind, from, to, page, per_page } = parsed.data;
    const name = `fund-${fund.id.slice(0, 8)}-ledger`;
    if (format === 'journal') {
      return new Response(await ledgerJournal({ fundId: fund.id }), { headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Disposition': `attachment; filename="${name}.journal"` } });
    }
    if (format === 'csv') {
      return new Response(movementsToCsv(await allMovements({ fundId: fund.id, kind, from, to })), { headers: { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="${name}.csv"` } });
    }
    const { rows, total } = await listMovements({ fundId: fund.id, kind, from, to, limit: per_page, offset: (page - 1) * per_page });
    return Response.json({ fund_id: fund.id, balance_minor: fund.balanceMinor, currency: fund.currency, data: rows.map(movementJson), page, per_page, total });
  });
}
