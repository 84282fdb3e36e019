import type { LoaderFunctionArgs } from '@remix-run/node';
import { ledgerJournal } from '../funds/ledger.server';
import { ledgerQuerySchema } from '../funds/schemas';

// Public: the whole ledger (or one fund's) as a plain-text double-entry journal for hledger and ledger.
export async function loader({ request }: LoaderFunctionArgs) {
  const q = ledgerQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  return new Response(await ledgerJournal({ fundId: q.fund }), { headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Disposition': 'attachment; filename="fivefold-ledger.journal"' } });
}
