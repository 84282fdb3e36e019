// Matching's part of the OpenAPI document (merged into app/api/openapi.ts).
import { candidateKinds } from '../../matching/types';
import { matchPairStatuses, matchRunStatuses } from './values';

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const uuid = { type: 'string', format: 'uuid' };
const json = (schema: unknown) => ({ 'application/json': { schema } });
const strings = { type: 'array', items: { type: 'string' } };
const unit = { type: 'number', minimum: 0, maximum: 1 };

const scored = {
  score: { type: 'number', minimum: 0, maximum: 1, description: 'Weighted sum of the parts.' },
  parts: {
    type: 'object',
    required: ['skill', 'distance', 'time', 'load', 'language', 'rating'],
    properties: { skill: unit, distance: unit, time: unit, load: unit, language: unit, rating: unit },
  },
  facts: {
    type: 'object',
    properties: {
      category: { type: 'string' },
      category_fit: { type: 'boolean' },
      fit_skills: { ...strings, description: 'The candidate’s skills that serve the need’s category.' },
      steps: { type: 'integer', description: 'Levels up from the candidate’s home to a place shared with the need.' },
      overlap_minutes: { type: 'integer', nullable: true },
      wanted_minutes: { type: 'integer', nullable: true },
      free_units: { type: 'integer' },
      shared_languages: strings,
      smoothed_rating: { type: 'number' },
      rating_count: { type: 'integer' },
    },
  },
  reasons: { type: 'object', required: ['en', 'zh'], description: 'The parts and facts in words.', properties: { en: strings, zh: strings } },
};

export const matchingSchemas = {
  MatchSuggestion: {
    type: 'object',
    required: ['kind', 'id', 'name', 'rank', 'points', 'score', 'parts', 'facts', 'reasons'],
    properties: { kind: { type: 'string', enum: [...candidateKinds] }, id: uuid, name: { type: 'string' }, rank: { type: 'integer', minimum: 1 }, points: { type: 'integer' }, responsible_name: { type: 'string', nullable: true }, ...scored },
  },
  MatchRun: {
    type: 'object',
    required: ['id', 'status', 'place_id', 'created_at', 'pairs', 'unmatched'],
    properties: {
      id: uuid,
      status: { type: 'string', enum: [...matchRunStatuses] },
      place_id: uuid,
      created_at: { type: 'string', format: 'date-time' },
      approved_at: { type: 'string', format: 'date-time', nullable: true },
      needs_considered: { type: 'integer' },
      candidates_considered: { type: 'integer' },
      matched_units: { type: 'integer' },
      total_points: { type: 'integer', description: 'The maximum total any assignment reaches (exact optimum).' },
      pairs: {
        type: 'array',
        items: {
          type: 'object',
          required: ['id', 'need_id', 'kind', 'candidate_id', 'units', 'status'],
          properties: {
            id: uuid,
            need_id: uuid,
            need_summary: { type: 'string' },
            kind: { type: 'string', enum: [...candidateKinds] },
            candidate_id: uuid,
            name: { type: 'string' },
            units: { type: 'integer', minimum: 1 },
            points: { type: 'integer' },
            status: { type: 'string', enum: [...matchPairStatuses] },
            stale_reason: { type: 'string', nullable: true },
            dispatch_id: { ...uuid, nullable: true },
            ...scored,
          },
        },
      },
      unmatched: {
        type: 'array',
        items: {
          type: 'object',
          required: ['need_id', 'units', 'reason'],
          properties: {
            need_id: uuid,
            summary: { type: 'string' },
            units: { type: 'integer' },
            reason: { type: 'string', enum: ['no_candidates', 'no_eligible_candidate', 'eligible_candidates_full', 'too_few_eligible_candidates'] },
            considered: { type: 'integer' },
            eligible: { type: 'integer' },
            excluded_by: { type: 'object', additionalProperties: { type: 'integer' } },
          },
        },
      },
    },
  },
};

const errors = {
  '400': { $ref: '#/components/responses/BadRequest' },
  '401': { $ref: '#/components/responses/Unauthorized' },
  '403': { $ref: '#/components/responses/Forbidden' },
  '404': { $ref: '#/components/responses/NotFound' },
};

export const matchingPaths = {
  '/needs/{id}/suggestions': {
    get: {
      summary: 'The best volunteers, teams, organisations and offers for a need, with the score’s parts and the reasons (staff who may dispatch it)',
      operationId: 'suggestForNeed',
      security: [{ bearer: [] }],
      parameters: [
        { name: 'id', in: 'path', required: true, schema: uuid },
        { name: 'per_kind', in: 'query', required: false, schema: { type: 'integer', minimum: 1, maximum: 50, default: 3 } },
      ],
      responses: {
        '200': {
          description: 'Ranked suggestions; candidates ruled out by a hard constraint (check, time, room, reach, dismissed) are counted, not listed.',
          content: json({
            type: 'object',
            required: ['need_id', 'dispatchable', 'remaining_units', 'suggestions'],
            properties: {
              need_id: uuid,
              dispatchable: { type: 'boolean' },
              remaining_units: { type: 'integer' },
              considered: { type: 'integer' },
              excluded: { type: 'integer' },
              excluded_by: { type: 'object', additionalProperties: { type: 'integer' } },
              suggestions: { type: 'array', items: ref('MatchSuggestion') },
            },
          }),
        },
        ...errors,
      },
    },
  },
  '/matching/runs': {
    post: {
      summary: 'Batch-match the open needs of a community or street the caller looks after: returns the stored proposal; nothing is dispatched yet',
      operationId: 'createMatchRun',
      security: [{ bearer: [] }],
      requestBody: { required: true, content: json({ type: 'object', required: ['place_id'], properties: { place_id: uuid } }) },
      responses: { '201': { description: 'The proposal.', content: json(ref('MatchRun')) }, ...errors },
    },
  },
  '/matching/runs/{id}/approve': {
    post: {
      summary: 'Approve all or the listed pairs of a proposal: dispatches written in one transaction; pairs out of date are reported, not written; a second approval writes nothing',
      operationId: 'approveMatchRun',
      security: [{ bearer: [] }],
      parameters: [{ name: 'id', in: 'path', required: true, schema: uuid }],
      requestBody: { required: true, content: json({ type: 'object', properties: { all: { type: 'boolean' }, pair_ids: { type: 'array', items: uuid } } }) },
      responses: {
        '200': {
          description: 'What was written and what was out of date.',
          content: json({
            type: 'object',
            required: ['written', 'stale', 'run'],
            properties: {
              written: { type: 'array', items: { type: 'object', required: ['pair_id', 'dispatch_id'], properties: { pair_id: uuid, dispatch_id: uuid } } },
              stale: { type: 'array', items: { type: 'object', required: ['pair_id', 'reason'], properties: { pair_id: uuid, reason: { type: 'string', enum: ['need_closed', 'need_covered', 'candidate_gone', 'candidate_full', 'not_eligible'] } } } },
              run: ref('MatchRun'),
            },
          }),
        },
        ...errors,
      },
    },
  },
};
