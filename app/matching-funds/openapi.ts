// Matching programmes, pledges and household shares in the OpenAPI document (merged into app/api/openapi.ts).
import { donorVisibilities } from '../funds/values';
import { exhaustionPolicies, giftSources } from './rules';
import { pledgeStatuses, programmeStatuses } from './values';

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: unknown) => ({ 'application/json': { schema } });
const err = (name: string) => ({ $ref: `#/components/responses/${name}` });
const minor = (description: string, nullable = false) => ({ type: 'integer', nullable, description: `${description}, in integer minor units (fen).` });
const uuid = { type: 'string', format: 'uuid' };
const tier = { type: 'object', required: ['from_minor', 'num', 'den'], additionalProperties: false, properties: { from_minor: minor('Where the tier starts'), num: { type: 'integer', minimum: 0 }, den: { type: 'integer', minimum: 1 } }, description: 'The part of a gift from from_minor up (to the next tier) is matched num for every den, rounded down to the fen.' };

const programmeParam = { name: 'programmeId', in: 'path', required: true, schema: uuid };
const programmeFields = {
  name_zh: { type: 'string', maxLength: 80 },
  name_en: { type: 'string', maxLength: 80 },
  funder_zh: { type: 'string', maxLength: 80 },
  funder_en: { type: 'string', maxLength: 80 },
  tiers: { type: 'array', items: tier, minItems: 1, maxItems: 5 },
  seed_minor: minor('Seed'),
  min_gift_minor: minor('Smallest gift matched'),
  per_donor_cap_minor: minor('Cap per donor', true),
  per_project_cap_minor: minor('Cap per project', true),
  programme_cap_minor: minor('Cap for the programme', true),
  matched_sources: { type: 'array', items: { type: 'string', enum: [...giftSources] } },
  exhaustion: { type: 'string', enum: [...exhaustionPolicies] },
  starts_at: { type: 'string', format: 'date-time' },
  ends_at: { type: 'string', format: 'date-time' },
  categories: { type: 'array', items: { type: 'string' } },
  project_ids: { type: 'array', items: uuid },
};

export const matchingFundSchemas = {
  MatchingProgramme: {
    type: 'object',
    required: ['id', 'place_id', 'name_zh', 'name_en', 'funder_zh', 'funder_en', 'status', 'currency', 'pool_fund_id', 'pool_balance_minor', 'matched_minor', 'tiers', 'seed_minor', 'min_gift_minor', 'per_donor_cap_minor', 'per_project_cap_minor', 'programme_cap_minor', 'matched_sources', 'exhaustion', 'starts_at', 'ends_at', 'categories', 'project_ids', 'explanation'],
    properties: {
      id: uuid,
      place_id: uuid,
      name_zh: { type: 'string' },
      name_en: { type: 'string' },
      funder_zh: { type: 'string' },
      funder_en: { type: 'string' },
      status: { type: 'string', enum: [...programmeStatuses] },
      currency: { type: 'string' },
      pool_fund_id: { ...uuid, description: 'The matching pool (a fund of kind matching) the matches are paid from.' },
      pool_balance_minor: minor('What the pool holds now, from the ledger'),
      matched_minor: minor('Matched so far, from the ledger'),
      tiers: { type: 'array', items: tier },
      seed_minor: minor('What residents and local businesses must give a project before matching starts'),
      min_gift_minor: minor('Gifts below this are not matched'),
      per_donor_cap_minor: minor('Most any one donor’s gifts are matched in total', true),
      per_project_cap_minor: minor('Most any one project receives', true),
      programme_cap_minor: minor('Most the programme matches in all', true),
      matched_sources: { type: 'array', items: { type: 'string', enum: [...giftSources] } },
      exhaustion: { type: 'string', enum: [...exhaustionPolicies], description: 'stop: a gift the pool cannot fully match gets nothing; pro_rate: it gets what is left.' },
      starts_at: { type: 'string', format: 'date-time' },
      ends_at: { type: 'string', format: 'date-time', description: 'Exclusive.' },
      categories: { type: 'array', items: { type: 'string' }, description: 'Empty: any category.' },
      project_ids: { type: 'array', items: uuid, description: 'Empty: every project of the place.' },
      explanation: { type: 'array', items: { type: 'string' }, description: 'The rules in plain words, in the request’s language (Accept-Language).' },
    },
  },
  Pledge: {
    type: 'object',
    required: ['id', 'fund_id', 'project_id', 'pledger_name', 'amount_minor', 'paid_minor', 'currency', 'due_at', 'status'],
    properties: {
      id: uuid,
      fund_id: uuid,
      project_id: { ...uuid, nullable: true },
      pledger_name: { type: 'string', nullable: true, description: 'null: anonymous (and always for a household’s share).' },
      amount_minor: minor('Promised; null when the pledger hid the amount', true),
      paid_minor: minor('Paid so far by linked gifts, from the ledger; null when hidden', true),
      currency: { type: 'string' },
      due_at: { type: 'string', format: 'date-time' },
      status: { type: 'string', enum: [...pledgeStatuses] },
    },
  },
  HouseholdShares: {
    type: 'object',
    nullable: true,
    required: ['project_id', 'place_id', 'share_minor', 'currency', 'due_at', 'households', 'pledged', 'paid', 'paid_minor', 'target_minor'],
    description: 'Counts only: which household pledged or paid is private to the staff of the place.',
    properties: {
      project_id: uuid,
      place_id: uuid,
      share_minor: minor('Asked of each household'),
      currency: { type: 'string' },
      due_at: { type: 'string', format: 'date-time' },
      households: { type: 'integer' },
      pledged: { type: 'integer' },
      paid: { type: 'integer', description: 'Households that paid their share in full.' },
      paid_minor: minor('Paid by households, from the ledger'),
      target_minor: minor('Share × households'),
    },
  },
};

export const matchingFundPaths = {
  '/matching-programmes': {
    get: {
      summary: 'Matching programmes (launched and closed), with their rules in plain words',
      operationId: 'listMatchingProgrammes',
      security: [],
      responses: { '200': { description: 'Programmes, newest first.', content: json({ type: 'object', required: ['items'], properties: { items: { type: 'array', items: ref('MatchingProgramme') } } }) } },
    },
    post: {
      summary: 'Post a matching programme (a draft) with its pool; funders',
      operationId: 'createMatchingProgramme',
      security: [{ bearer: [] }],
      requestBody: {
        required: true,
        content: json({
          type: 'object',
          additionalProperties: false,
          required: ['place_id', 'name_zh', 'name_en', 'funder_zh', 'funder_en', 'pool_minor', 'tiers', 'starts_at', 'ends_at'],
          properties: {
            place_id: uuid,
            name_zh: { type: 'string', maxLength: 80 },
            name_en: { type: 'string', maxLength: 80 },
            funder_zh: { type: 'string', maxLength: 80 },
            funder_en: { type: 'string', maxLength: 80 },
            pool_minor: minor('Granted into the new matching pool'),
            tiers: { type: 'array', items: tier, minItems: 1, maxItems: 5 },
            seed_minor: minor('Seed'),
            min_gift_minor: minor('Smallest gift matched'),
            per_donor_cap_minor: minor('Cap per donor', true),
            per_project_cap_minor: minor('Cap per project', true),
            programme_cap_minor: minor('Cap for the programme', true),
            matched_sources: { type: 'array', items: { type: 'string', enum: [...giftSources] } },
            exhaustion: { type: 'string', enum: [...exhaustionPolicies] },
            starts_at: { type: 'string', format: 'date-time' },
            ends_at: { type: 'string', format: 'date-time' },
            categories: { type: 'array', items: { type: 'string' } },
            project_ids: { type: 'array', items: uuid },
          },
        }),
      },
      responses: { '201': { description: 'Posted as a draft.', content: json(ref('MatchingProgramme')) }, '400': err('BadRequest'), '401': err('Unauthorized'), '403': err('Forbidden'), '415': { description: 'The body must be JSON.', content: json(ref('Error')) } },
    },
  },
  '/matching-programmes/{programmeId}': {
    get: {
      summary: 'One programme and what it matched per project',
      operationId: 'getMatchingProgramme',
      security: [],
      parameters: [{ name: 'programmeId', in: 'path', required: true, schema: uuid }],
      responses: {
        '200': {
          description: 'The programme.',
          content: json({ allOf: [ref('MatchingProgramme'), { type: 'object', required: ['projects'], properties: { projects: { type: 'array', items: { type: 'object', required: ['project_id', 'title', 'gifts', 'matched_minor'], properties: { project_id: uuid, title: { type: 'string' }, gifts: { type: 'integer' }, matched_minor: minor('Matched into the project') } } } } }] }),
        },
        '404': err('NotFound'),
      },
    },
    patch: {
      summary: 'Edit a programme; funders of its place. A draft: any field. Launched: only a later ends_at and more project_ids (when it already names projects)',
      operationId: 'updateMatchingProgramme',
      security: [{ bearer: [] }],
      parameters: [programmeParam],
      requestBody: { required: true, content: json({ type: 'object', additionalProperties: false, properties: programmeFields, description: 'Only the fields to change. place_id and the pool cannot change (add to the pool with a top-up).' }) },
      responses: {
        '200': { description: 'The programme as it is now.', content: json(ref('MatchingProgramme')) },
        '400': err('BadRequest'),
        '401': err('Unauthorized'),
        '403': err('Forbidden'),
        '404': err('NotFound'),
        '409': { description: 'Not allowed in the programme’s state: a launched programme’s other rules, an earlier end, removing projects, naming projects on a programme open to all, or any change to a closed one. fields names what was refused.', content: json(ref('Error')) },
        '415': { description: 'The body must be JSON.', content: json(ref('Error')) },
      },
    },
  },
  '/matching-programmes/{programmeId}/launch': {
    post: {
      summary: 'Launch a draft: gifts are matched from now on and its rules are fixed; funders of its place',
      operationId: 'launchMatchingProgramme',
      security: [{ bearer: [] }],
      parameters: [programmeParam],
      responses: { '200': { description: 'Launched.', content: json(ref('MatchingProgramme')) }, '401': err('Unauthorized'), '403': err('Forbidden'), '404': err('NotFound'), '409': { description: 'Not a draft.', content: json(ref('Error')) } },
    },
  },
  '/matching-programmes/{programmeId}/close': {
    post: {
      summary: 'Close a programme: no gift is matched after the close; funders of its place',
      operationId: 'closeMatchingProgramme',
      security: [{ bearer: [] }],
      parameters: [programmeParam],
      responses: { '200': { description: 'Closed.', content: json(ref('MatchingProgramme')) }, '401': err('Unauthorized'), '403': err('Forbidden'), '404': err('NotFound'), '409': { description: 'Already closed.', content: json(ref('Error')) } },
    },
  },
  '/matching-programmes/{programmeId}/top-ups': {
    post: {
      summary: 'Add money to a programme’s pool (a grant posted in the ledger); funders and treasurers of its place',
      operationId: 'topUpMatchingProgramme',
      security: [{ bearer: [] }],
      parameters: [programmeParam],
      requestBody: {
        required: true,
        content: json({
          type: 'object',
          additionalProperties: false,
          required: ['amount_minor', 'reference'],
          properties: {
            amount_minor: { type: 'integer', minimum: 1, description: 'Integer minor units (fen).' },
            reference: { type: 'string', maxLength: 60, description: 'The grant letter or transfer number: each is recorded once, so a repeated request adds nothing.' },
            raise_cap: { type: 'boolean', default: false, description: 'Raise the programme cap (if it has one) by the same amount.' },
          },
        }),
      },
      responses: {
        '201': { description: 'Added.', content: json({ type: 'object', required: ['ledger_group_id', 'programme'], properties: { ledger_group_id: uuid, programme: ref('MatchingProgramme') } }) },
        '400': err('BadRequest'),
        '401': err('Unauthorized'),
        '403': err('Forbidden'),
        '404': err('NotFound'),
        '409': { description: 'The reference is already recorded, or the programme is closed.', content: json(ref('Error')) },
        '415': { description: 'The body must be JSON.', content: json(ref('Error')) },
      },
    },
  },
  '/pledges': {
    get: {
      summary: 'Pledges to a fund or project, as their pledgers chose to appear',
      operationId: 'listPledges',
      security: [],
      parameters: [
        { name: 'fund_id', in: 'query', schema: uuid },
        { name: 'project_id', in: 'query', schema: uuid },
      ],
      responses: { '200': { description: 'Pledges, newest first.', content: json({ type: 'object', required: ['items'], properties: { items: { type: 'array', items: ref('Pledge') } } }) }, '400': err('BadRequest') },
    },
    post: {
      summary: 'Pledge to give to a fund or project by a date; signed-in people',
      operationId: 'createPledge',
      security: [{ bearer: [] }],
      requestBody: {
        required: true,
        content: json({
          type: 'object',
          additionalProperties: false,
          required: ['fund_id', 'amount_minor', 'pledger_name', 'due_at'],
          properties: {
            fund_id: uuid,
            project_id: uuid,
            amount_minor: { type: 'integer', minimum: 1, description: 'Integer minor units (fen).' },
            pledger_name: { type: 'string', maxLength: 80 },
            pledger_email: { type: 'string', format: 'email', description: 'Private: for the reminder only.' },
            visibility: { type: 'string', enum: [...donorVisibilities], default: 'public' },
            source: { type: 'string', enum: [...giftSources], default: 'resident' },
            due_at: { type: 'string', format: 'date-time' },
          },
        }),
      },
      responses: { '201': { description: 'Pledged.', content: json(ref('Pledge')) }, '400': err('BadRequest'), '401': err('Unauthorized'), '409': { description: 'The fund is closed.', content: json(ref('Error')) }, '415': { description: 'The body must be JSON.', content: json(ref('Error')) } },
    },
  },
  '/projects/{projectId}/household-shares': {
    get: {
      summary: 'A project’s household shares, as counts',
      operationId: 'getHouseholdShares',
      security: [],
      parameters: [{ name: 'projectId', in: 'path', required: true, schema: uuid }],
      responses: { '200': { description: 'null when the project asks no shares.', content: json({ type: 'object', required: ['household_shares'], properties: { household_shares: ref('HouseholdShares') } }) }, '404': err('NotFound') },
    },
    post: {
      summary: 'Ask the households of a place for a share each; staff of the project’s place',
      operationId: 'setUpHouseholdShares',
      security: [{ bearer: [] }],
      parameters: [{ name: 'projectId', in: 'path', required: true, schema: uuid }],
      requestBody: {
        required: true,
        content: json({ type: 'object', additionalProperties: false, required: ['place_id', 'due_at'], properties: { place_id: uuid, share_minor: { type: 'integer', minimum: 1, description: 'Default: the community’s household share.' }, due_at: { type: 'string', format: 'date-time' } } }),
      },
      responses: { '201': { description: 'Set up.', content: json({ type: 'object', required: ['household_shares'], properties: { household_shares: ref('HouseholdShares') } }) }, '400': err('BadRequest'), '401': err('Unauthorized'), '404': err('NotFound'), '409': { description: 'Already set up, or the project has no fund.', content: json(ref('Error')) } },
    },
  },
};
