// Funds, donations and the public ledger in the OpenAPI document (merged into app/api/openapi.ts).
import { donorVisibilities, fundKinds, groupKinds, offlineMethods } from './values';

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: unknown) => ({ 'application/json': { schema } });
const err = (name: string) => ({ $ref: `#/components/responses/${name}` });
const minor = (description: string) => ({ type: 'integer', description: `${description}, in integer minor units (fen).` });

export const fundSchemas = {
  Fund: {
    type: 'object',
    required: ['id', 'kind', 'name_zh', 'name_en', 'holder_zh', 'holder_en', 'status', 'currency', 'place', 'balance_minor', 'income_minor', 'spending_minor', 'in_kind_minor'],
    properties: {
      id: { type: 'string', format: 'uuid' },
      kind: { type: 'string', enum: [...fundKinds] },
      name_zh: { type: 'string' },
      name_en: { type: 'string' },
      description_zh: { type: 'string' },
      description_en: { type: 'string' },
      holder_zh: { type: 'string', description: 'Who holds the money.' },
      holder_en: { type: 'string' },
      project_name: { type: 'string', nullable: true },
      status: { type: 'string', enum: ['active', 'closed'] },
      currency: { type: 'string', example: 'CNY' },
      place: { type: 'object', required: ['id', 'name_zh', 'name_en'], properties: { id: { type: 'string', format: 'uuid' }, name_zh: { type: 'string' }, name_en: { type: 'string' } } },
      balance_minor: minor('What the fund holds now, derived from the ledger'),
      income_minor: minor('All money in'),
      spending_minor: minor('All money out (disbursements, refunds, fees, matches given)'),
      in_kind_minor: minor('The value of in-kind gifts, kept out of the balance'),
    },
  },
  LedgerMovement: {
    type: 'object',
    required: ['id', 'occurred_at', 'kind', 'fund_id', 'counterpart', 'anonymous', 'counterpart_fund', 'project', 'amount_minor', 'currency', 'in_kind', 'description'],
    properties: {
      id: { type: 'string', format: 'uuid' },
      occurred_at: { type: 'string', format: 'date-time' },
      kind: { type: 'string', enum: [...groupKinds] },
      fund_id: { type: 'string', format: 'uuid' },
      counterpart: { type: 'string', nullable: true, description: 'Donor, payee or funder; null for an anonymous donor.' },
      anonymous: { type: 'boolean' },
      counterpart_fund: {
        type: 'object',
        nullable: true,
        description: 'For a match: the fund on the other side.',
        required: ['id', 'name_zh', 'name_en'],
        properties: { id: { type: 'string', format: 'uuid' }, name_zh: { type: 'string' }, name_en: { type: 'string' } },
      },
      project: { type: 'string', nullable: true },
      amount_minor: { type: 'integer', nullable: true, description: 'Signed, positive into the fund; null when the donor asked to hide the amount.' },
      currency: { type: 'string' },
      in_kind: { type: 'boolean', description: 'An in-kind gift at its value: not part of the cash balance.' },
      description: { type: 'string' },
    },
  },
  Donation: {
    type: 'object',
    required: ['id', 'fund_id', 'method', 'status', 'amount_minor', 'currency', 'donor_name', 'visibility', 'receipt_number', 'received_at'],
    properties: {
      id: { type: 'string', format: 'uuid' },
      fund_id: { type: 'string', format: 'uuid' },
      method: { type: 'string', enum: ['card', ...offlineMethods] },
      status: { type: 'string', enum: ['pending', 'awaiting_confirmation', 'posted', 'refunded', 'cancelled'] },
      amount_minor: { type: 'integer' },
      currency: { type: 'string' },
      donor_name: { type: 'string' },
      donor_email: { type: 'string', nullable: true },
      visibility: { type: 'string', enum: [...donorVisibilities] },
      receipt_number: { type: 'string' },
      in_kind_description: { type: 'string', nullable: true },
      received_at: { type: 'string', format: 'date-time' },
      needs_confirmation: { type: 'boolean', description: 'True when the amount is at or above the community threshold: a second person must confirm before it is posted.' },
    },
  },
};

const fundIdParam = { name: 'fundId', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } };

export const fundPaths = {
  '/funds': {
    get: {
      summary: 'Funds with their balances; public',
      operationId: 'listFunds',
      security: [],
      parameters: [
        { name: 'place', in: 'query', schema: { type: 'string', format: 'uuid' }, description: 'Only funds at or below this place.' },
        { name: 'kind', in: 'query', schema: { type: 'string', enum: [...fundKinds] } },
      ],
      responses: {
        '200': { description: 'The funds.', content: json({ type: 'object', required: ['data'], properties: { data: { type: 'array', items: ref('Fund') } } }) },
        '400': err('BadRequest'),
      },
    },
  },
  '/funds/{fundId}': {
    get: {
      summary: 'One fund with its balance, income, spending and in-kind gifts; public',
      operationId: 'getFund',
      security: [],
      parameters: [fundIdParam],
      responses: { '200': { description: 'The fund.', content: json(ref('Fund')) }, '404': err('NotFound') },
    },
  },
  '/funds/{fundId}/ledger': {
    get: {
      summary: "A fund's public ledger: JSON pages, CSV, or a plain-text journal for hledger/ledger",
      operationId: 'getFundLedger',
      security: [],
      parameters: [
        fundIdParam,
        { name: 'format', in: 'query', schema: { type: 'string', enum: ['json', 'csv', 'journal'], default: 'json' } },
        { name: 'kind', in: 'query', schema: { type: 'string', enum: [...groupKinds] } },
        { name: 'from', in: 'query', schema: { type: 'string', format: 'date' }, description: 'First day (China time), inclusive.' },
        { name: 'to', in: 'query', schema: { type: 'string', format: 'date' }, description: 'Last day (China time), inclusive.' },
        { name: 'page', in: 'query', schema: { type: 'integer', minimum: 1, default: 1 } },
        { name: 'per_page', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 500, default: 100 } },
      ],
      responses: {
        '200': {
          description: 'Movements, newest first (JSON); or every movement as CSV or as a journal whose balances equal the platform’s.',
          content: {
            ...json({
              type: 'object',
              required: ['fund_id', 'balance_minor', 'currency', 'data', 'page', 'per_page', 'total'],
              properties: { fund_id: { type: 'string', format: 'uuid' }, balance_minor: { type: 'integer' }, currency: { type: 'string' }, data: { type: 'array', items: ref('LedgerMovement') }, page: { type: 'integer' }, per_page: { type: 'integer' }, total: { type: 'integer' } },
            }),
            'text/csv': { schema: { type: 'string' } },
            'text/plain': { schema: { type: 'string' } },
          },
        },
        '400': err('BadRequest'),
        '404': err('NotFound'),
      },
    },
  },
  '/donations': {
    post: {
      summary: 'Record an offline donation (cash, bank transfer, in kind); treasurers',
      operationId: 'recordDonation',
      security: [{ bearer: [] }],
      requestBody: {
        required: true,
        content: json({
          type: 'object',
          required: ['fund_id', 'method', 'amount_minor', 'donor_name', 'receipt_number'],
          additionalProperties: false,
          properties: {
            fund_id: { type: 'string', format: 'uuid' },
            method: { type: 'string', enum: [...offlineMethods] },
            amount_minor: { type: 'integer', minimum: 1, description: 'Integer minor units (fen); for in-kind gifts, the agreed value.' },
            donor_name: { type: 'string', maxLength: 80 },
            donor_email: { type: 'string', format: 'email', description: 'Private; the receipt is emailed here.' },
            visibility: { type: 'string', enum: [...donorVisibilities], default: 'public' },
            source: { type: 'string', enum: ['resident', 'business', 'other'], default: 'other', description: 'Who gave: gifts from residents and local businesses raise a project’s seed for matching.' },
            receipt_number: { type: 'string', maxLength: 40, description: 'Unique; a retry with the same number answers 409 and records nothing.' },
            received_on: { type: 'string', format: 'date' },
            in_kind_description: { type: 'string', maxLength: 500, description: 'Required for in-kind gifts.' },
            note: { type: 'string', maxLength: 500 },
          },
        }),
      },
      responses: {
        '201': { description: 'Recorded; posted at once, or waiting for a second person when needs_confirmation is true.', content: json(ref('Donation')) },
        '400': err('BadRequest'),
        '401': err('Unauthorized'),
        '403': err('Forbidden'),
        '409': { description: 'The receipt number is already recorded, or the fund is closed.', content: json(ref('Error')) },
        '415': { description: 'The body must be JSON.', content: json(ref('Error')) },
      },
    },
  },
  '/webhooks/stripe': {
    post: {
      summary: 'Stripe events (signed); posts card donations and refunds exactly once',
      operationId: 'stripeWebhook',
      security: [],
      description: 'The Stripe-Signature header is verified over the raw body (tolerance 300 s). Answers 404 when card donations are not configured.',
      requestBody: { required: true, content: json({ type: 'object' }) },
      responses: {
        '200': { description: 'Received.', content: json({ type: 'object', required: ['received', 'outcome'], properties: { received: { type: 'boolean' }, outcome: { type: 'string', enum: ['posted', 'duplicate', 'ignored', 'refunded', 'cancelled'] } } }) },
        '400': err('BadRequest'),
        '404': err('NotFound'),
        '409': { description: 'Not applicable yet (e.g. a refund before its payment, or of money already spent); Stripe will deliver it again.', content: json(ref('Error')) },
      },
    },
  },
};
