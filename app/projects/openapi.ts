// The project list's part of the OpenAPI document (merged into app/api/openapi.ts).
import { serviceCategories, skills } from '../resources/values';
import { applicantTypes, bidStatuses, projectStates, roundStatuses } from './values';

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const uuid = { type: 'string', format: 'uuid' };
const money = { type: 'integer', description: 'Integer minor units (fen).' };
const placeRef = { type: 'object', required: ['id', 'name_zh', 'name_en'], properties: { id: uuid, name_zh: { type: 'string' }, name_en: { type: 'string' } } };
const line = { type: 'object', required: ['label', 'amount_minor'], additionalProperties: false, properties: { label: { type: 'string', maxLength: 80 }, amount_minor: money } };
const page = (item: string) => ({
  type: 'object',
  required: ['data', 'page', 'per_page', 'total'],
  properties: { data: { type: 'array', items: ref(item) }, page: { type: 'integer' }, per_page: { type: 'integer' }, total: { type: 'integer' } },
});
const json = (schema: unknown, description: string) => ({ description, content: { 'application/json': { schema } } });
const paging = [
  { name: 'page', in: 'query', schema: { type: 'integer', minimum: 1, default: 1 } },
  { name: 'per_page', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 200, default: 50 } },
];

export const projectSchemas = {
  ProjectState: { type: 'string', enum: [...projectStates] },
  ProjectSummary: {
    type: 'object',
    required: ['id', 'title', 'summary', 'category', 'state', 'budget_minor', 'currency', 'place', 'deliverer_name', 'created_at', 'updated_at'],
    properties: {
      id: uuid,
      title: { type: 'string' },
      summary: { type: 'string' },
      category: { type: 'string', enum: [...serviceCategories] },
      state: ref('ProjectState'),
      budget_minor: money,
      currency: { type: 'string', example: 'CNY' },
      place: placeRef,
      deliverer_name: { type: 'string', nullable: true, description: 'The organisation, team or person awarded the project.' },
      created_at: { type: 'string', format: 'date-time' },
      updated_at: { type: 'string', format: 'date-time' },
    },
  },
  Project: {
    allOf: [
      ref('ProjectSummary'),
      {
        type: 'object',
        required: ['goals', 'deliverables', 'beneficiaries', 'needs', 'budget_lines', 'milestones', 'history'],
        properties: {
          goals: { type: 'string' },
          deliverables: { type: 'string' },
          beneficiaries: { type: 'string' },
          beneficiary_count: { type: 'integer', nullable: true },
          required_skills: { type: 'array', items: { type: 'string' } },
          starts_on: { type: 'string', format: 'date', nullable: true },
          ends_on: { type: 'string', format: 'date', nullable: true },
          needs: {
            type: 'array',
            description: 'The needs it answers, by their public summary.',
            items: { type: 'object', required: ['id', 'summary', 'category', 'status'], properties: { id: uuid, summary: { type: 'string' }, category: { type: 'string' }, status: { type: 'string' } } },
          },
          budget_lines: { type: 'array', items: line },
          milestones: {
            type: 'array',
            items: { type: 'object', required: ['id', 'title', 'due_on', 'amount_minor'], properties: { id: uuid, title: { type: 'string' }, due_on: { type: 'string', format: 'date', nullable: true }, amount_minor: money } },
          },
          history: {
            type: 'array',
            items: {
              type: 'object',
              required: ['kind', 'from_state', 'to_state', 'at'],
              properties: { kind: { type: 'string' }, from_state: { type: 'string', nullable: true }, to_state: { type: 'string', nullable: true }, at: { type: 'string', format: 'date-time' } },
            },
          },
        },
      },
    ],
  },
  ProjectInput: {
    type: 'object',
    additionalProperties: false,
    required: ['need_ids', 'title', 'summary', 'goals', 'deliverables', 'beneficiaries', 'category', 'budget_lines'],
    properties: {
      need_ids: { type: 'array', items: uuid, minItems: 1, maxItems: 20, description: 'Verified, open needs in one community (or communities of one street) where the caller is staff.' },
      title: { type: 'string', maxLength: 120 },
      summary: { type: 'string', maxLength: 1000 },
      goals: { type: 'string', maxLength: 2000 },
      deliverables: { type: 'string', maxLength: 2000 },
      beneficiaries: { type: 'string', maxLength: 500 },
      beneficiary_count: { type: 'integer', minimum: 0 },
      category: { type: 'string', enum: [...serviceCategories] },
      required_skills: { type: 'array', items: { type: 'string', enum: [...skills] } },
      budget_lines: { type: 'array', items: line, minItems: 1 },
      milestones: {
        type: 'array',
        items: { type: 'object', additionalProperties: false, required: ['title', 'amount_minor'], properties: { title: { type: 'string' }, due_on: { type: 'string', format: 'date' }, amount_minor: money } },
      },
      starts_on: { type: 'string', format: 'date' },
      ends_on: { type: 'string', format: 'date' },
    },
  },
  RoundStatus: { type: 'string', enum: [...roundStatuses] },
  ApplicantType: { type: 'string', enum: [...applicantTypes], description: 'resident_team and individual only in micro-grant rounds.' },
  Round: {
    type: 'object',
    required: ['id', 'title', 'call_text', 'status', 'budget_minor', 'currency', 'eligible_categories', 'applicant_types', 'micro_grant', 'opens_at', 'closes_at', 'notice_days', 'place', 'project_count', 'bid_count'],
    properties: {
      id: uuid,
      title: { type: 'string' },
      call_text: { type: 'string' },
      status: ref('RoundStatus'),
      budget_minor: money,
      currency: { type: 'string' },
      eligible_categories: { type: 'array', items: { type: 'string' }, description: 'Empty: any category.' },
      applicant_types: { type: 'array', items: ref('ApplicantType') },
      micro_grant: { type: 'boolean' },
      opens_at: { type: 'string', format: 'date-time' },
      closes_at: { type: 'string', format: 'date-time', description: 'Bids may be edited until then.' },
      notice_days: { type: 'integer', description: 'Length of the public notice (公示) of awards.' },
      place: placeRef,
      project_count: { type: 'integer' },
      bid_count: { type: 'integer' },
      criteria: {
        type: 'array',
        items: { type: 'object', required: ['id', 'name_zh', 'name_en', 'weight'], properties: { id: uuid, name_zh: { type: 'string' }, name_en: { type: 'string' }, weight: { type: 'integer' } } },
      },
      projects: {
        type: 'array',
        items: { type: 'object', required: ['id', 'title', 'category', 'state', 'budget_minor'], properties: { id: uuid, title: { type: 'string' }, category: { type: 'string' }, state: ref('ProjectState'), budget_minor: money } },
      },
    },
  },
  RoundInput: {
    type: 'object',
    additionalProperties: false,
    required: ['place_id', 'title', 'call_text', 'budget_minor', 'opens_at', 'closes_at', 'criteria'],
    properties: {
      place_id: { ...uuid, description: 'A street or community where the caller is staff.' },
      title: { type: 'string', maxLength: 120 },
      call_text: { type: 'string', maxLength: 5000 },
      budget_minor: money,
      eligible_categories: { type: 'array', items: { type: 'string', enum: [...serviceCategories] } },
      applicant_types: { type: 'array', items: ref('ApplicantType') },
      micro_grant: { type: 'boolean', default: false },
      opens_at: { type: 'string', format: 'date-time' },
      closes_at: { type: 'string', format: 'date-time' },
      notice_days: { type: 'integer', minimum: 0, maximum: 60, default: 5 },
      criteria: {
        type: 'array',
        minItems: 1,
        items: { type: 'object', additionalProperties: false, required: ['name_zh', 'name_en', 'weight'], properties: { name_zh: { type: 'string' }, name_en: { type: 'string' }, weight: { type: 'integer', minimum: 1, maximum: 100 } } },
      },
      project_ids: { type: 'array', items: uuid, description: 'Draft projects inside the round’s place.' },
    },
  },
  Bid: {
    type: 'object',
    required: ['id', 'project_id', 'applicant_type', 'applicant_name', 'plan', 'budget_lines', 'requested_minor', 'currency', 'staff', 'schedule', 'status', 'created_at', 'updated_at'],
    properties: {
      id: uuid,
      project_id: uuid,
      applicant_type: ref('ApplicantType'),
      applicant_name: { type: 'string' },
      plan: { type: 'string' },
      budget_lines: { type: 'array', items: line },
      requested_minor: money,
      currency: { type: 'string' },
      staff: { type: 'array', items: { type: 'object', required: ['name', 'role'], properties: { name: { type: 'string' }, role: { type: 'string' } } } },
      schedule: { type: 'array', items: { type: 'object', required: ['title', 'due_on'], properties: { title: { type: 'string' }, due_on: { type: 'string', format: 'date' } } } },
      status: { type: 'string', enum: [...bidStatuses] },
      created_at: { type: 'string', format: 'date-time' },
      updated_at: { type: 'string', format: 'date-time' },
      score: { type: 'number', nullable: true, description: 'Weighted score out of 100 (staff and funders only); null until scored.' },
    },
  },
  BidInput: {
    type: 'object',
    additionalProperties: false,
    required: ['project_id', 'applicant_type', 'plan', 'budget_lines'],
    properties: {
      project_id: uuid,
      applicant_type: ref('ApplicantType'),
      resource_id: { ...uuid, description: 'The organisation or team bidding (the caller must be an active member); omitted for an individual.' },
      plan: { type: 'string', maxLength: 5000 },
      budget_lines: { type: 'array', items: line, minItems: 1 },
      staff: { type: 'array', items: { type: 'object', additionalProperties: false, required: ['name', 'role'], properties: { name: { type: 'string' }, role: { type: 'string' } } } },
      schedule: { type: 'array', items: { type: 'object', additionalProperties: false, required: ['title', 'due_on'], properties: { title: { type: 'string' }, due_on: { type: 'string', format: 'date' } } } },
    },
  },
};

const errors = {
  '400': { $ref: '#/components/responses/BadRequest' },
  '401': { $ref: '#/components/responses/Unauthorized' },
  '403': { $ref: '#/components/responses/Forbidden' },
  '404': { $ref: '#/components/responses/NotFound' },
};
const conflict = json(ref('Error'), 'Not possible in the current state (the round is not taking bids, the project is not open…).');

export const projectPaths = {
  '/projects': {
    get: {
      summary: 'The project list (public; drafts only for staff of their places)',
      operationId: 'listProjects',
      security: [{}, { bearer: [] }],
      parameters: [
        { name: 'state', in: 'query', schema: ref('ProjectState') },
        { name: 'category', in: 'query', schema: { type: 'string', enum: [...serviceCategories] } },
        { name: 'place', in: 'query', schema: uuid, description: 'Only projects at or inside this place.' },
        { name: 'q', in: 'query', schema: { type: 'string', maxLength: 100 }, description: 'Words in the title or summary.' },
        ...paging,
      ],
      responses: { '200': json(page('ProjectSummary'), 'A page of projects, newest first.'), '400': errors['400'] },
    },
    post: {
      summary: 'Create a project (a draft) from one or more needs (community or street staff)',
      operationId: 'createProject',
      security: [{ bearer: [] }],
      requestBody: { required: true, content: { 'application/json': { schema: ref('ProjectInput') } } },
      responses: { '201': json(ref('Project'), 'The project.'), ...errors, '415': json(ref('Error'), 'The body must be JSON.') },
    },
  },
  '/projects/{id}': {
    get: {
      summary: 'One project with its needs, budget, milestones and history',
      operationId: 'getProject',
      security: [{}, { bearer: [] }],
      parameters: [{ name: 'id', in: 'path', required: true, schema: uuid }],
      responses: { '200': json(ref('Project'), 'The project.'), '404': errors['404'] },
    },
  },
  '/rounds': {
    get: {
      summary: 'Funding rounds (公益创投); drafts only for staff of their places',
      operationId: 'listRounds',
      security: [{}, { bearer: [] }],
      parameters: [{ name: 'status', in: 'query', schema: ref('RoundStatus') }, { name: 'place', in: 'query', schema: uuid }, ...paging],
      responses: { '200': json(page('Round'), 'A page of rounds.'), '400': errors['400'] },
    },
    post: {
      summary: 'Create a funding round (a draft) with weighted criteria and projects (staff)',
      operationId: 'createRound',
      security: [{ bearer: [] }],
      requestBody: { required: true, content: { 'application/json': { schema: ref('RoundInput') } } },
      responses: { '201': json(ref('Round'), 'The round.'), ...errors, '415': json(ref('Error'), 'The body must be JSON.') },
    },
  },
  '/rounds/{id}/bids': {
    get: {
      summary: 'Bids of a round, as the caller may see them',
      description:
        'Staff and funders of the round’s place see every bid with its weighted score once bidding has closed (view "all"); an assigned evaluator sees only bids they may score — never one from an organisation or team they belong to (view "evaluator"); anyone else sees their own bids (view "own").',
      operationId: 'listRoundBids',
      security: [{ bearer: [] }],
      parameters: [{ name: 'id', in: 'path', required: true, schema: uuid }],
      responses: {
        '200': json(
          { type: 'object', required: ['view', 'data'], properties: { view: { type: 'string', enum: ['all', 'evaluator', 'own'] }, declared: { type: 'boolean', description: 'Evaluators: whether they have declared their interests (no bids until then).' }, data: { type: 'array', items: ref('Bid') } } },
          'The bids.',
        ),
        '401': errors['401'],
        '404': errors['404'],
      },
    },
    post: {
      summary: 'Submit a bid, or edit your bid for the same project until the deadline',
      description: 'One bid per applicant per project and round: sending again (or twice at once) edits the same bid.',
      operationId: 'submitBid',
      security: [{ bearer: [] }],
      parameters: [{ name: 'id', in: 'path', required: true, schema: uuid }],
      requestBody: { required: true, content: { 'application/json': { schema: ref('BidInput') } } },
      responses: { '201': json(ref('Bid'), 'The new bid.'), '200': json(ref('Bid'), 'The edited bid.'), ...errors, '409': conflict, '415': json(ref('Error'), 'The body must be JSON.') },
    },
  },
};
