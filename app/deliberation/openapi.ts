// Topics and votes in the OpenAPI document (merged into app/api/openapi.ts).
import { ballotChannels, optionKinds, topicOrigins, topicStages, voteStatuses, voteUnits } from './values';

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: unknown) => ({ 'application/json': { schema } });
const err = (name: string) => ({ $ref: `#/components/responses/${name}` });
const conflict = (description: string) => ({ description, content: json(ref('Error')) });
const uuid = { type: 'string', format: 'uuid' };
const names = { type: 'object', required: ['name_zh', 'name_en'], properties: { id: uuid, name_zh: { type: 'string' }, name_en: { type: 'string' } } };
const page = [
  { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 100, default: 20 } },
  { name: 'offset', in: 'query', schema: { type: 'integer', minimum: 0, default: 0 } },
];
const voteIdParam = { name: 'voteId', in: 'path', required: true, schema: uuid };
const channels = {
  type: 'object',
  required: [...ballotChannels],
  properties: Object.fromEntries(ballotChannels.map((c) => [c, { type: 'integer', minimum: 0 }])),
};

export const deliberationSchemas = {
  TopicSummary: {
    type: 'object',
    required: ['id', 'title', 'stage', 'origin', 'place', 'comments', 'created_at', 'stage_changed_at'],
    properties: {
      id: uuid,
      title: { type: 'string' },
      stage: { type: 'string', enum: [...topicStages] },
      origin: { type: 'string', enum: [...topicOrigins] },
      place: names,
      comments: { type: 'integer', description: 'Visible comments in the deliberation.' },
      created_at: { type: 'string', format: 'date-time' },
      stage_changed_at: { type: 'string', format: 'date-time' },
    },
  },
  Topic: {
    type: 'object',
    required: ['id', 'title', 'problem', 'suggestion', 'stage', 'origin', 'place', 'timeline', 'votes', 'created_at'],
    properties: {
      id: uuid,
      title: { type: 'string' },
      problem: { type: 'string' },
      suggestion: { type: 'string' },
      stage: { type: 'string', enum: [...topicStages] },
      origin: { type: 'string', enum: [...topicOrigins] },
      plan: { type: 'string', nullable: true, description: 'The agreed plan, from the plan stage on.' },
      reply: { type: 'string', nullable: true, description: 'Why the topic was declined.' },
      place: names,
      need: { type: 'object', nullable: true, required: ['id', 'summary'], properties: { id: uuid, summary: { type: 'string', nullable: true } } },
      project: {
        type: 'object',
        nullable: true,
        required: ['id', 'title', 'state'],
        properties: { id: uuid, title: { type: 'string' }, state: { type: 'string' } },
        description: 'The project implementing the plan.',
      },
      timeline: {
        type: 'array',
        items: {
          type: 'object',
          required: ['from_stage', 'to_stage', 'note', 'at'],
          properties: {
            from_stage: { type: 'string', nullable: true },
            to_stage: { type: 'string' },
            note: { type: 'string', nullable: true },
            at: { type: 'string', format: 'date-time' },
          },
        },
      },
      votes: {
        type: 'array',
        items: {
          type: 'object',
          required: ['id', 'question', 'status'],
          properties: { id: uuid, question: { type: 'string' }, status: { type: 'string', enum: [...voteStatuses] } },
        },
      },
      created_at: { type: 'string', format: 'date-time' },
    },
  },
  Tally: {
    type: 'object',
    description:
      'Counts that decide: a choice carries when the quorum is met and it alone leads with at least threshold_needed = ceil(eligible × threshold) votes.',
    required: [
      'eligible',
      'turnout',
      'uncounted_paper',
      'options',
      'quorum_count',
      'quorum_needed',
      'quorum_met',
      'threshold_needed',
      'leading_option_id',
      'carried',
    ],
    properties: {
      eligible: { type: 'integer', description: 'Households (or adults) on the register when the vote opened.' },
      turnout: { type: 'integer', description: 'Counted ballots, abstentions included.' },
      uncounted_paper: { type: 'integer', description: 'Paper and signature-sheet ballots not counted because the vote says so.' },
      options: {
        type: 'array',
        items: {
          type: 'object',
          required: ['id', 'kind', 'votes'],
          properties: { id: uuid, kind: { type: 'string', enum: [...optionKinds] }, votes: { type: 'integer' } },
        },
      },
      quorum_count: { type: 'integer' },
      quorum_needed: { type: 'integer' },
      quorum_met: { type: 'boolean' },
      threshold_needed: { type: 'integer' },
      leading_option_id: { ...uuid, nullable: true },
      carried: { type: 'boolean' },
    },
  },
  VoteSummary: {
    type: 'object',
    required: ['id', 'question', 'status', 'unit', 'binding', 'opens_at', 'closes_at', 'topic_id', 'threshold_permille', 'eligible', 'place'],
    properties: {
      id: uuid,
      question: { type: 'string' },
      status: { type: 'string', enum: [...voteStatuses] },
      unit: { type: 'string', enum: [...voteUnits] },
      binding: { type: 'boolean' },
      opens_at: { type: 'string', format: 'date-time' },
      closes_at: { type: 'string', format: 'date-time' },
      topic_id: { ...uuid, nullable: true },
      threshold_permille: { type: 'integer', minimum: 1, maximum: 1000 },
      eligible: { type: 'integer', nullable: true },
      place: names,
    },
  },
  Vote: {
    type: 'object',
    required: [
      'id',
      'question',
      'description',
      'status',
      'unit',
      'binding',
      'opens_at',
      'closes_at',
      'threshold_permille',
      'quorum_permille',
      'abstentions_count_for_quorum',
      'paper_ballots_count',
      'topic_id',
      'eligible',
      'options',
      'progress',
      'channels',
      'participants',
    ],
    properties: {
      id: uuid,
      question: { type: 'string' },
      description: { type: 'string' },
      status: { type: 'string', enum: [...voteStatuses] },
      unit: { type: 'string', enum: [...voteUnits], description: 'One ballot per household (cast by its registered voter) or per adult.' },
      binding: { type: 'boolean' },
      opens_at: { type: 'string', format: 'date-time' },
      closes_at: { type: 'string', format: 'date-time' },
      threshold_permille: {
        type: 'integer',
        minimum: 1,
        maximum: 1000,
        description: 'Share of the eligible (per mille) the leading choice must reach: 600 = 60%.',
      },
      quorum_permille: { type: 'integer', minimum: 0, maximum: 1000 },
      abstentions_count_for_quorum: { type: 'boolean' },
      paper_ballots_count: { type: 'boolean' },
      topic_id: { ...uuid, nullable: true },
      eligible: { type: 'integer', nullable: true },
      options: {
        type: 'array',
        items: {
          type: 'object',
          required: ['id', 'label', 'kind', 'position'],
          properties: { id: uuid, label: { type: 'string' }, kind: { type: 'string', enum: [...optionKinds] }, position: { type: 'integer' } },
        },
      },
      progress: ref('Tally'),
      channels,
      participants: { type: 'integer' },
    },
  },
  VoteResult: {
    type: 'object',
    required: ['vote_id', 'binding', 'closed_at', 'participants', 'channels', 'result'],
    properties: {
      vote_id: uuid,
      binding: { type: 'boolean' },
      closed_at: { type: 'string', format: 'date-time', nullable: true },
      participants: { type: 'integer' },
      channels,
      result: ref('Tally'),
    },
  },
};

export const deliberationPaths = {
  '/topics': {
    get: {
      summary: 'Topics of the residents’ councils, newest step first; public',
      operationId: 'listTopics',
      security: [],
      parameters: [{ name: 'stage', in: 'query', schema: { type: 'string', enum: [...topicStages] } }, ...page],
      responses: {
        '200': {
          description: 'A page of topics.',
          content: json({
            type: 'object',
            required: ['data', 'total', 'limit', 'offset'],
            properties: {
              data: { type: 'array', items: ref('TopicSummary') },
              total: { type: 'integer' },
              limit: { type: 'integer' },
              offset: { type: 'integer' },
            },
          }),
        },
        '400': err('BadRequest'),
      },
    },
    post: {
      summary: 'Propose a topic: a resident in their home community, staff (topic.manage) in a community of theirs or from a need',
      operationId: 'proposeTopic',
      requestBody: {
        required: true,
        content: json({
          type: 'object',
          required: ['title', 'problem'],
          properties: {
            title: { type: 'string', maxLength: 120 },
            problem: { type: 'string', maxLength: 2000, description: 'The problem as the proposer sees it.' },
            suggestion: { type: 'string', maxLength: 2000 },
            place_id: { ...uuid, description: 'Staff only: a community they manage (residents propose in their home community).' },
            need_id: { ...uuid, description: 'Staff only: raise the topic from this need of their community.' },
          },
        }),
      },
      responses: {
        '201': { description: 'The topic, listed.', content: json(ref('TopicSummary')) },
        '400': err('BadRequest'),
        '401': err('Unauthorized'),
        '403': err('Forbidden'),
        '404': err('NotFound'),
        '422': { description: 'Validation failed: `error.fields` names each field (snake_case) with its messages.', content: json(ref('Error')) },
        '429': { $ref: '#/components/responses/TooManyRequests' },
      },
    },
  },
  '/topics/{topicId}': {
    get: {
      summary: 'One topic with its stage timeline, plan, need, project and votes; public',
      operationId: 'getTopic',
      security: [],
      parameters: [{ name: 'topicId', in: 'path', required: true, schema: uuid }],
      responses: { '200': { description: 'The topic.', content: json(ref('Topic')) }, '404': err('NotFound') },
    },
  },
  '/votes': {
    get: {
      summary: 'Open and closed votes, newest first; public',
      operationId: 'listVotes',
      security: [],
      parameters: page,
      responses: {
        '200': {
          description: 'A page of votes.',
          content: json({
            type: 'object',
            required: ['data', 'total', 'limit', 'offset'],
            properties: {
              data: { type: 'array', items: ref('VoteSummary') },
              total: { type: 'integer' },
              limit: { type: 'integer' },
              offset: { type: 'integer' },
            },
          }),
        },
        '400': err('BadRequest'),
      },
    },
  },
  '/votes/{voteId}': {
    get: {
      summary: 'One vote with its options and live progress toward the threshold; public',
      operationId: 'getVote',
      security: [],
      parameters: [voteIdParam],
      responses: { '200': { description: 'The vote.', content: json(ref('Vote')) }, '404': err('NotFound') },
    },
  },
  '/votes/{voteId}/ballots': {
    post: {
      summary: 'Cast the caller’s ballot (for their household, or for themself in a vote per adult)',
      description:
        'Ballots are secret: the platform records that the household or adult voted, and separately an anonymous ballot. A second ballot for the same household or adult is refused with 409, however many are sent at once.',
      operationId: 'castBallot',
      parameters: [voteIdParam],
      requestBody: { required: true, content: json({ type: 'object', required: ['option_id'], additionalProperties: false, properties: { option_id: uuid } }) },
      responses: {
        '201': {
          description: 'The ballot is counted.',
          content: json({ type: 'object', required: ['vote_id', 'status'], properties: { vote_id: uuid, status: { type: 'string', enum: ['counted'] } } }),
        },
        '400': err('BadRequest'),
        '401': err('Unauthorized'),
        '403': err('Forbidden'),
        '404': err('NotFound'),
        '409': conflict('Already voted, or the vote is not taking ballots now.'),
        '415': conflict('The body must be JSON.'),
      },
    },
  },
  '/votes/{voteId}/result': {
    get: {
      summary: 'The published result of a closed vote, with turnout and ballots per channel; public',
      operationId: 'getVoteResult',
      security: [],
      parameters: [voteIdParam],
      responses: {
        '200': { description: 'The result.', content: json(ref('VoteResult')) },
        '404': err('NotFound'),
        '409': conflict('The vote is still open: no result yet.'),
      },
    },
  },
};
