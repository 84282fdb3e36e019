import type { ActionFunctionArgs } from '@remix-run/node';
import { apiError, handleApi, methodNotAllowed, readJson, zodFields } from '../api/errors.server';
import { actorOf } from '../permissions/principal.server';
import { requirePermission, requireUser } from '../permissions/permissions.server';
import { recordOfflineDonation } from '../funds/donations.server';
import { fundPlace } from '../funds/funds.server';
import { apiDonationSchema, chinaNoon } from '../funds/schemas';
import { donationJson } from '../funds/serialize';

// A treasurer records a cash, bank-transfer or in-kind donation; the receipt number makes a retry safe (409).
export function loader() {
  return methodNotAllowed(['POST']);
}

export function action({ request }: ActionFunctionArgs) {
  return handleApi(async () => {
    if (request.method !== 'POST') return methodNotAllowed(['POST']);
    await requireUser(request);
    const parsed = apiDonationSchema.safeParse(await readJson(request));
    if (!parsed.success) return apiError(400, 'validation_failed', 'The donation is not valid.', zodFields(parsed.error));
    const input = parsed.data;
    const place = await fundPlace(input.fund_id);
    if (!place) return apiError(400, 'validation_failed', 'The donation is not valid.', { fund_id: ['is not a fund'] });
    const principal = await requirePermission(request, 'fund.record_donation', place);
    const result = await recordOfflineDonation({ ...actorOf(principal), userId: principal.user.id }, input.fund_id, {
      method: input.method,
      amountMinor: input.amount_minor,
      donorName: input.donor_name,
      donorEmail: input.donor_email ?? null,
      visibility: input.visibility,
      receiptNumber: input.receipt_number,
      receivedAt: input.received_on ? chinaNoon(input.received_on) : undefined,
      inKindDescription: input.in_kind_description ?? null,
      note: input.note ?? null,
      origin: { source: input.source },
    });
    if (!result.ok && result.reason === 'receipt_taken') return apiError(409, 'conflict', 'This receipt number is already recorded.', { receipt_number: ['is already recorded'] });
    if (!result.ok) return apiError(409, 'conflict', 'The fund is closed.', { fund_id: ['is closed'] });
    return Response.json({ ...donationJson(result.donation), needs_confirmation: !result.posted }, { status: 201 });
  });
}
