import type { LoaderFunctionArgs } from '@remix-run/node';
import { allMovements, movementsToCsv } from '../funds/ledger.server';
import { ledgerQuerySchema } from '../funds/schemas';

// Public: the ledger (with the page's filters) as CSV; anonymous donors stay anonymous, hidden amounts stay hidden.
export async function loader({ request }: LoaderFunctionArgs) {
  const q = ledgerQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const csv = movementsToCsv(await allMovements({ fundId: q.fund, kind: q.kind, from: q.from, to: q.to }));
  return new Response(csv, { headers: { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': 'attachment; filename="fivefold-ledger.csv"' } });
}
