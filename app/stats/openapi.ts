// GET /api/v1/stats in the OpenAPI document (merged into app/api/openapi.ts).
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const err = (name: string) => ({ $ref: `#/components/responses/${name}` });
const json = (schema: unknown) => ({ 'application/json': { schema } });
const uuid = { type: 'string', format: 'uuid' };
const int = { type: 'integer', minimum: 0 };
const minor = (description: string) => ({ type: 'integer', description: `${description}, in integer minor units (fen).` });
const rate = { type: 'integer', nullable: true, minimum: 0, maximum: 100, description: 'A whole-number percentage; null when there is nothing to divide by.' };
const countProps = { total: int, open: int, overdue: int, very_overdue: int, fulfilled: int, declined: int };
const countRequired = Object.keys(countProps);
const place = { type: 'object', required: ['id', 'type', 'name_zh', 'name_en'], properties: { id: uuid, type: { type: 'string' }, name_zh: { type: 'string' }, name_en: { type: 'string' } } };

export const statsSchemas = {
  Stats: {
    type: 'object',
    description:
      'The dashboard figures of a community or street (optionally one grid) over a period. Needs are those raised in the period (merged duplicates left out); open and overdue are as of now. Hours, money and trends are dated in the period; money comes from the ledger of the funds held at the place or below; project budgets are to date.',
    required: ['visibility', 'place', 'grid', 'period', 'needs', 'satisfaction', 'volunteers', 'money', 'projects', 'trend'],
    properties: {
      visibility: { type: 'string', enum: ['public', 'staff'], description: 'staff: the caller looks after the place, and overdue_needs is included.' },
      place,
      grid: { ...place, nullable: true },
      period: { type: 'object', required: ['from', 'to', 'interval'], properties: { from: { type: 'string', format: 'date' }, to: { type: 'string', format: 'date' }, interval: { type: 'string', enum: ['month', 'week'] } } },
      needs: {
        type: 'object',
        required: [...countRequired, 'fulfilment_rate', 'median_first_response_hours', 'median_close_hours', 'by_category', 'by_grid'],
        properties: {
          ...countProps,
          fulfilment_rate: rate,
          median_first_response_hours: { type: 'number', nullable: true },
          median_close_hours: { type: 'number', nullable: true },
          by_category: { type: 'array', items: { type: 'object', required: ['category', ...countRequired], properties: { category: { type: 'string' }, ...countProps } } },
          by_grid: { type: 'array', items: { type: 'object', required: ['grid_id', ...countRequired], properties: { grid_id: { ...uuid, nullable: true }, name_zh: { type: 'string', nullable: true }, name_en: { type: 'string', nullable: true }, ...countProps } } },
        },
      },
      satisfaction: { type: 'object', required: ['ratings', 'average_stars', 'satisfied', 'rate'], properties: { ratings: int, average_stars: { type: 'number', nullable: true }, satisfied: { ...int, description: 'Ratings of 4 or 5 stars.' }, rate } },
      volunteers: {
        type: 'object',
        required: ['hours', 'active_volunteers', 'registered_volunteers', 'teams', 'active_teams'],
        properties: { hours: { type: 'number', description: 'Certified hours served in the period.' }, active_volunteers: int, registered_volunteers: int, teams: int, active_teams: int },
      },
      money: {
        type: 'object',
        required: ['currency', 'raised_minor', 'donated_minor', 'granted_minor', 'matched_minor', 'disbursed_minor', 'in_kind_minor'],
        properties: {
          currency: { type: 'string' },
          raised_minor: minor('Donations (net of refunds) and grants'),
          donated_minor: minor('Donations net of refunds'),
          granted_minor: minor('Grants'),
          matched_minor: minor('Matches received from matching programmes'),
          disbursed_minor: minor('Paid out'),
          in_kind_minor: minor('Agreed value of in-kind gifts'),
        },
      },
      projects: {
        type: 'array',
        items: {
          type: 'object',
          required: ['id', 'title', 'state', 'budget_minor', 'received_minor', 'disbursed_minor', 'spent_percent'],
          properties: { id: uuid, title: { type: 'string' }, state: { type: 'string' }, budget_minor: minor('Budget'), received_minor: minor('Received into the project’s fund'), disbursed_minor: minor('Paid out for the project'), spent_percent: rate },
        },
      },
      trend: {
        type: 'array',
        items: {
          type: 'object',
          required: ['bucket', 'raised', 'fulfilled', 'hours', 'raised_minor', 'matched_minor', 'disbursed_minor'],
          properties: { bucket: { type: 'string', format: 'date', description: 'First day of the month or ISO week.' }, raised: int, fulfilled: int, hours: { type: 'number' }, raised_minor: minor('Raised'), matched_minor: minor('Matched'), disbursed_minor: minor('Disbursed') },
        },
      },
      overdue_needs: {
        type: 'array',
        description: 'Staff only: the overdue needs of the place or grid (whatever the period), most overdue first, at most 200.',
        items: {
          type: 'object',
          required: ['id', 'summary', 'category', 'due_at'],
          properties: { id: uuid, summary: { type: 'string' }, category: { type: 'string' }, grid_name_zh: { type: 'string', nullable: true }, grid_name_en: { type: 'string', nullable: true }, due_at: { type: 'string', format: 'date-time' }, responsible_name: { type: 'string', nullable: true } },
        },
      },
    },
  },
};

export const statsPaths = {
  '/stats': {
    get: {
      summary: 'Dashboard figures of a community or street: public for a community, with overdue needs for its staff',
      operationId: 'getStats',
      security: [{}, { bearer: [] }],
      parameters: [
        { name: 'place', in: 'query', required: true, schema: uuid, description: 'A community (public) or street (its staff only).' },
        { name: 'grid', in: 'query', schema: uuid, description: 'One grid of the place.' },
        { name: 'from', in: 'query', schema: { type: 'string', format: 'date' }, description: 'First local (Asia/Shanghai) day; default: the first of the month eleven months ago.' },
        { name: 'to', in: 'query', schema: { type: 'string', format: 'date' }, description: 'Last local day, at most 1,100 days after from; default: today.' },
        { name: 'interval', in: 'query', schema: { type: 'string', enum: ['month', 'week'], default: 'month' }, description: 'Buckets of the trend.' },
      ],
      responses: {
        '200': { description: 'The figures.', content: json({ type: 'object', required: ['data'], properties: { data: ref('Stats') } }) },
        '400': err('BadRequest'),
        '401': err('Unauthorized'),
        '403': err('Forbidden'),
        '404': err('NotFound'),
      },
    },
  },
};
