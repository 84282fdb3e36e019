// Pure rules of funds and donations: amounts, thresholds, what the public sees of a donor.
import type { AccountKind, DisbursementStatus, DonorVisibility, FundKind } from './values';

/** The account that holds a fund's money: a matching programme's pool, or the fund itself. */
export const mainAccountKind = (kind: FundKind): AccountKind => (kind === 'matching' ? 'matching_pool' : 'fund');

/** Default amount (minor units) from which an offline donation needs a second person: ¥5,000. */
export const DEFAULT_CONFIRMATION_THRESHOLD_MINOR = 500_000;

/** The community setting `donationConfirmationThresholdMinor`, or the default. */
export function confirmationThreshold(settings: unknown): number {
  const value = (settings as Record<string, unknown> | null)?.donationConfirmationThresholdMinor;
  return typeof value === 'number' && Number.isSafeInteger(value) && value > 0 ? value : DEFAULT_CONFIRMATION_THRESHOLD_MINOR;
}

export const needsSecondPerson = (amountMinor: number, thresholdMinor: number) => amountMinor >= thresholdMinor;

/** "1,234.5" or "1234.50" yuan → 123450 fen; null when it is not a positive amount with at most two decimals. */
export function parseAmountToMinor(input: string): number | null {
  const cleaned = input.replace(/[,\s¥￥]/g, '');
  if (!/^\d{1,12}(\.\d{1,2})?$/.test(cleaned)) return null;
  const [whole, frac = ''] = cleaned.split('.');
  const minor = Number(whole) * 100 + Number(frac.padEnd(2, '0'));
  return minor > 0 && Number.isSafeInteger(minor) ? minor : null;
}

/** Minor units as a plain decimal string: 12345 → "123.45", -5 → "-0.05". */
export function minorToDecimal(minor: number): string {
  const sign = minor < 0 ? '-' : '';
  const abs = Math.abs(minor);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** The donor's name as the public ledger may show it: null means "anonymous". */
export const publicDonorName = (visibility: DonorVisibility, name: string) => (visibility === 'anonymous' ? null : name);

/** Whether the public may see the amount of this donation. */
export const publicAmount = (visibility: DonorVisibility) => visibility !== 'hidden_amount';

/** Whether `actor` may approve a request made by `requester`: never their own. */
export const mayDecide = (status: DisbursementStatus, requesterId: string, actorId: string) => status === 'requested' && requesterId !== actorId;

/** Receipt numbers the platform makes (card donations): C-20261123-7F3K9Q2A. */
export function generatedReceiptNumber(prefix: string, at: Date, random: string) {
  const day = at.toISOString().slice(0, 10).replace(/-/g, '');
  return `${prefix}-${day}-${random.toUpperCase()}`;
}
