// The needs list's part of the OpenAPI document (merged into app/api/openapi.ts).
import { assigneeTypes, beneficiaryTypes, escalationLevels, needChannels, needEventKinds, needStatuses, needTypes, recurrences, staffChannels, urgencies } from './values';

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const uuid = { type: 'string', format: 'uuid' };
const dateTime = { type: 'string', format: 'date-time' };
const nullableDateTime = { type: 'string', format: 'date-time', nullable: true };
const placeRef = { type: 'object', required: ['id', 'name_zh', 'name_en'], properties: { id: uuid, name_zh: { type: 'string' }, name_en: { type: 'string' } } };
const errorResponse = (description: string) => ({ description, content: { 'application/json': { schema: ref('Error') } } });
const json = (schema: unknown) => ({ 'application/json': { schema } });

export const needSchemas = {
  NeedStatus: { type: 'string', enum: [...needStatuses] },
  Urgency: { type: 'string', enum: [...urgencies] },
  Need: {
    type: 'object',
    description: 'The public side of a need: category, grid-level place, a sanitised summary, status and dates. Never names, contacts, addresses or health notes.',
    required: ['id', 'category', 'summary', 'status', 'urgency', 'community', 'grid', 'raised_at', 'first_response_due_at', 'resolution_due_at', 'deadline_state', 'escalation_level', 'fulfilment'],
    properties: {
      id: uuid,
      category: { type: 'string', description: 'A category key of the community (defaults: elderly_care, meals, child_care, …).' },
      summary: { type: 'string', description: 'Sanitised public summary.' },
      status: ref('NeedStatus'),
      urgency: ref('Urgency'),
      need_type: { type: 'string', nullable: true, enum: [...needTypes, null] },
      beneficiary: { type: 'string', enum: [...beneficiaryTypes] },
      quantity: { type: 'integer', nullable: true },
      quantity_unit: { type: 'string', nullable: true },
      recurrence: { type: 'string', enum: [...recurrences] },
      wanted_from: { type: 'string', format: 'date', nullable: true },
      wanted_until: { type: 'string', format: 'date', nullable: true },
      community: placeRef,
      grid: { ...placeRef, nullable: true },
      escalation_level: { type: 'string', enum: [...escalationLevels] },
      merged_into_id: { ...uuid, nullable: true },
      reply: { type: 'string', nullable: true, description: 'The public reply when rejected or out of scope.' },
      raised_at: dateTime,
      first_response_due_at: dateTime,
      resolution_due_at: dateTime,
      first_responded_at: nullableDateTime,
      resolved_at: nullableDateTime,
      closed_at: nullableDateTime,
      deadline_state: { type: 'string', enum: ['on_time', 'overdue', 'very_overdue'], description: 'Computed at the time of the request.' },
      fulfilment: { type: 'object', required: ['covered', 'delivered'], properties: { covered: { type: 'integer' }, delivered: { type: 'integer' } } },
      rating: { type: 'integer', nullable: true, minimum: 1, maximum: 5 },
    },
  },
  NeedEvent: {
    type: 'object',
    required: ['kind', 'role', 'status', 'at', 'data'],
    properties: { kind: { type: 'string', enum: [...needEventKinds] }, role: { type: 'string' }, status: { type: 'string', nullable: true }, at: dateTime, data: { type: 'object', additionalProperties: true } },
  },
  NeedPhoto: {
    type: 'object',
    required: ['id', 'content_type', 'size', 'created_at', 'url'],
    properties: {
      id: uuid,
      content_type: { type: 'string', enum: ['image/jpeg', 'image/png', 'image/webp'] },
      size: { type: 'integer' },
      progress_id: { type: 'string', format: 'uuid', nullable: true },
      created_at: { type: 'string', format: 'date-time' },
      url: { type: 'string' },
    },
  },
  NeedPrivate: {
    type: 'object',
    description: 'Only for the requester, the staff of the need’s place and the people assigned; every read is audited.',
    properties: {
      title: { type: 'string' },
      description: { type: 'string' },
      channel: { type: 'string', enum: [...needChannels] },
      place: placeRef,
      requester_name: { type: 'string', nullable: true },
      contact: { type: 'object', properties: { name: { type: 'string', nullable: true }, phone: { type: 'string', nullable: true }, email: { type: 'string', nullable: true }, address: { type: 'string', nullable: true } } },
      health_notes: { type: 'string', nullable: true },
      responsible_name: { type: 'string', nullable: true },
      dispatches: { type: 'array', items: { type: 'object', additionalProperties: true } },
    },
  },
  NeedInput: {
    type: 'object',
    required: ['place_id', 'title', 'category'],
    properties: {
      place_id: { ...uuid, description: 'A community or a grid, compound or building in it.' },
      title: { type: 'string', maxLength: 120 },
      description: { type: 'string', maxLength: 2000 },
      category: { type: 'string' },
      beneficiary: { type: 'string', enum: [...beneficiaryTypes] },
      quantity: { type: 'integer', minimum: 1 },
      quantity_unit: { type: 'string', maxLength: 20 },
      recurrence: { type: 'string', enum: [...recurrences] },
      wanted_from: { type: 'string', format: 'date' },
      wanted_until: { type: 'string', format: 'date' },
      urgency: ref('Urgency'),
      contact_name: { type: 'string', description: 'Private.' },
      phone: { type: 'string', description: 'Private.' },
      email: { type: 'string', format: 'email', description: 'Private.' },
      address: { type: 'string', description: 'Private.' },
      health_notes: { type: 'string', description: 'Private.' },
      channel: { type: 'string', enum: [...staffChannels], description: 'Staff logging a need for a resident: how it reached them.' },
    },
  },
};

const needId = { name: 'id', in: 'path', required: true, schema: uuid };
const stepResponses = {
  '200': { description: 'The need after the step.', content: json(ref('Need')) },
  '400': { $ref: '#/components/responses/BadRequest' },
  '401': { $ref: '#/components/responses/Unauthorized' },
  '403': { $ref: '#/components/responses/Forbidden' },
  '404': { $ref: '#/components/responses/NotFound' },
  '409': errorResponse('The need is not in a status where this step is possible.'),
  '415': errorResponse('The body must be JSON.'),
};

const step = (operationId: string, summary: string, schema: Record<string, unknown>) => ({
  post: {
    summary,
    operationId,
    security: [{ bearer: [] }],
    parameters: [needId],
    requestBody: { required: true, content: json(schema) },
    responses: stepResponses,
  },
});

export const needPaths = {
  '/needs': {
    get: {
      summary: 'The public needs list (verified needs, public fields only)',
      operationId: 'listNeeds',
      security: [],
      parameters: [
        { name: 'category', in: 'query', schema: { type: 'string' } },
        { name: 'community', in: 'query', schema: uuid },
        { name: 'grid', in: 'query', schema: uuid },
        { name: 'status', in: 'query', schema: { type: 'string', enum: [...needStatuses, 'open'] } },
        { name: 'urgency', in: 'query', schema: ref('Urgency') },
        { name: 'overdue', in: 'query', schema: { type: 'string', enum: ['overdue', 'very_overdue'] } },
        { name: 'page', in: 'query', schema: { type: 'integer', minimum: 1, default: 1 } },
        { name: 'per_page', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 200, default: 50 } },
      ],
      responses: {
        '200': {
          description: 'A page of needs, newest first.',
          content: json({ type: 'object', required: ['data', 'page', 'per_page', 'total'], properties: { data: { type: 'array', items: ref('Need') }, page: { type: 'integer' }, per_page: { type: 'integer' }, total: { type: 'integer' } } }),
        },
        '400': { $ref: '#/components/responses/BadRequest' },
      },
    },
    post: {
      summary: 'Raise a need: as the caller, or as staff for a resident with the channel recorded',
      operationId: 'raiseNeed',
      security: [{ bearer: [] }],
      requestBody: { required: true, content: json(ref('NeedInput')) },
      responses: {
        '201': { description: 'The need, raised and awaiting verification.', content: json(ref('Need')) },
        '400': { $ref: '#/components/responses/BadRequest' },
        '401': { $ref: '#/components/responses/Unauthorized' },
        '403': { $ref: '#/components/responses/Forbidden' },
        '415': errorResponse('The body must be JSON.'),
      },
    },
  },
  '/needs/{id}': {
    get: {
      summary: 'One need with its public timeline; with include=private, its private side for those entitled (audited)',
      operationId: 'getNeed',
      security: [{}, { bearer: [] }],
      parameters: [needId, { name: 'include', in: 'query', schema: { type: 'string', enum: ['private'] } }],
      responses: {
        '200': {
          description: 'The need.',
          content: json({ allOf: [ref('Need'), { type: 'object', properties: { timeline: { type: 'array', items: ref('NeedEvent') }, private: ref('NeedPrivate') } }] }),
        },
        '401': { $ref: '#/components/responses/Unauthorized' },
        '403': { $ref: '#/components/responses/Forbidden' },
        '404': { $ref: '#/components/responses/NotFound' },
      },
    },
  },
  '/needs/{id}/photos': {
    get: {
      summary: 'The photos of a need (private: the requester, the people assigned, the staff of its place)',
      operationId: 'listNeedPhotos',
      security: [{ bearer: [] }],
      parameters: [needId],
      responses: {
        '200': { description: 'The photos, oldest first.', content: json({ type: 'object', required: ['photos'], properties: { photos: { type: 'array', items: ref('NeedPhoto') } } }) },
        '401': { $ref: '#/components/responses/Unauthorized' },
        '404': { $ref: '#/components/responses/NotFound' },
      },
    },
    post: {
      summary: 'Add up to four JPEG, PNG or WebP photos (5 MB each, 20 per need): the requester, the people assigned, or triage staff',
      operationId: 'addNeedPhotos',
      security: [{ bearer: [] }],
      parameters: [needId],
      requestBody: {
        required: true,
        content: { 'multipart/form-data': { schema: { type: 'object', required: ['photos'], properties: { photos: { type: 'array', items: { type: 'string', format: 'binary' } } } } } },
      },
      responses: {
        '201': { description: 'The photos added.', content: json({ type: 'object', required: ['photos'], properties: { photos: { type: 'array', items: ref('NeedPhoto') } } }) },
        '400': { $ref: '#/components/responses/BadRequest' },
        '401': { $ref: '#/components/responses/Unauthorized' },
        '403': { $ref: '#/components/responses/Forbidden' },
        '404': { $ref: '#/components/responses/NotFound' },
        '415': errorResponse('The body must be multipart/form-data.'),
      },
    },
  },
  '/needs/{id}/photos/{photoId}': {
    get: {
      summary: 'One photo’s bytes, as an attachment (each view is audited)',
      operationId: 'getNeedPhoto',
      security: [{ bearer: [] }],
      parameters: [needId, { name: 'photoId', in: 'path', required: true, schema: uuid }],
      responses: {
        '200': { description: 'The picture.', content: { 'image/jpeg': { schema: { type: 'string', format: 'binary' } }, 'image/png': { schema: { type: 'string', format: 'binary' } }, 'image/webp': { schema: { type: 'string', format: 'binary' } } } },
        '401': { $ref: '#/components/responses/Unauthorized' },
        '404': { $ref: '#/components/responses/NotFound' },
      },
    },
  },
  '/needs/{id}/triage': step('triageNeed', 'Verify and triage (community staff); or decision=out_of_scope with an honest reply', {
    type: 'object',
    properties: {
      decision: { type: 'string', enum: ['accept', 'out_of_scope'], default: 'accept' },
      category: { type: 'string' },
      urgency: ref('Urgency'),
      need_type: { type: 'string', enum: [...needTypes] },
      public_summary: { type: 'string', maxLength: 120, description: 'The words that go public; sanitised again.' },
      note: { type: 'string' },
      reply: { type: 'string', description: 'For decision=out_of_scope: the public reply.' },
    },
  }),
  '/needs/{id}/dispatch': step('dispatchNeed', 'Dispatch to a person, team, organisation, department or project, with a named person responsible; partial claims by quantity. Or name a resource-list entry by `assignee_resource_id` alone: its kind, name and responsible person come from the list, it must still fit the need (as a matching suggestion must), and it covers as much as it has free', {
    type: 'object',
    anyOf: [{ required: ['assignee_type', 'responsible_user_id'] }, { required: ['assignee_resource_id'] }],
    properties: {
      assignee_resource_id: { ...uuid, description: 'A volunteer, team, organisation or offer on the resource list; when given, the other assignee fields are not used.' },
      assignee_type: { type: 'string', enum: [...assigneeTypes] },
      assignee_user_id: { ...uuid, description: 'For assignee_type person.' },
      assignee_name: { type: 'string', description: 'For a team, organisation, department or project.' },
      responsible_user_id: uuid,
      quantity: { type: 'integer', minimum: 1, description: 'How much of the need this claim covers.' },
      note: { type: 'string' },
    },
  }),
  '/needs/{id}/progress': step('reportNeedProgress', 'Report progress in quantities (the people dispatched, or staff); resolved=true when the need is met', {
    type: 'object',
    required: ['note'],
    properties: { quantity: { type: 'integer', minimum: 0 }, note: { type: 'string' }, resolved: { type: 'boolean' } },
  }),
  '/needs/{id}/close': step('closeNeed', 'The requester confirms and closes (or staff for them, recorded as such)', { type: 'object', properties: { note: { type: 'string' } } }),
  '/needs/{id}/rate': step('rateNeed', 'The requester rates 1–5; nobody rates work they did', {
    type: 'object',
    required: ['stars'],
    properties: { stars: { type: 'integer', minimum: 1, maximum: 5 }, comment: { type: 'string' } },
  }),
  '/needs/{id}/merge': step('mergeNeed', 'Merge a duplicate into an open need of the same community', { type: 'object', required: ['into_need_id'], properties: { into_need_id: uuid, note: { type: 'string' } } }),
  '/needs/{id}/reject': step('rejectNeed', 'Reject with a public reason', { type: 'object', required: ['reason'], properties: { reason: { type: 'string' } } }),
};
