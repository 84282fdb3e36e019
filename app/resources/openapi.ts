// The resource list's part of the OpenAPI document (merged into app/api/openapi.ts).
import { checkTypes, goodsModes, languages, providerTypes, registrationStatuses, resourceKinds, serviceCategories, skills, travelRadii } from './values';

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const areaRef = { type: 'object', nullable: true, required: ['id', 'name_zh', 'name_en'], properties: { id: { type: 'string', format: 'uuid' }, name_zh: { type: 'string' }, name_en: { type: 'string' } } };
const windowSchema = {
  type: 'object',
  required: ['day', 'start', 'end'],
  description: 'A weekly window in Asia/Shanghai time; day 0 = Monday … 6 = Sunday.',
  properties: { day: { type: 'integer', minimum: 0, maximum: 6 }, start: { type: 'string', example: '09:00' }, end: { type: 'string', example: '12:00' } },
};
const exceptionSchema = { type: 'object', required: ['from', 'to'], properties: { from: { type: 'string', format: 'date' }, to: { type: 'string', format: 'date' }, note: { type: 'string' } } };
const strings = (values: readonly string[]) => ({ type: 'array', items: { type: 'string', enum: [...values] } });

export const resourceSchemas = {
  ResourceKind: { type: 'string', enum: [...resourceKinds] },
  WeeklyWindow: windowSchema,
  ResourceSummary: {
    type: 'object',
    required: ['id', 'kind', 'name', 'description', 'categories', 'skills', 'area', 'created_at'],
    properties: {
      id: { type: 'string', format: 'uuid' },
      kind: ref('ResourceKind'),
      name: { type: 'string', description: "For a volunteer: the display name they chose, never their full name." },
      description: { type: 'string' },
      categories: strings(serviceCategories),
      skills: { type: 'array', items: { type: 'string' } },
      area: { type: 'object', required: ['community', 'grid'], properties: { community: areaRef, grid: areaRef }, description: 'Community and grid only; a volunteer\'s home is never shown.' },
      created_at: { type: 'string', format: 'date-time' },
    },
  },
  Resource: {
    allOf: [
      ref('ResourceSummary'),
      {
        type: 'object',
        properties: {
          member_count: { type: 'integer', description: 'Teams and organisations.' },
          organisation: {
            type: 'object',
            properties: {
              registration_status: { type: 'string', enum: [...registrationStatuses] },
              registration_number: { type: 'string', nullable: true },
              verification: { type: 'string', enum: ['unverified', 'verified', 'rejected'] },
              verified_at: { type: 'string', format: 'date-time', nullable: true },
            },
          },
          offer: {
            type: 'object',
            properties: {
              offer_type: { type: 'string', enum: ['service', 'venue', 'goods', 'in_kind'] },
              provider_type: { type: 'string', enum: [...providerTypes] },
              provider_name: { type: 'string' },
              capacity: { type: 'integer', nullable: true },
              quantity: { type: 'integer', nullable: true },
              goods_mode: { type: 'string', nullable: true, enum: [...goodsModes, null] },
              value_minor: { type: 'integer', nullable: true, description: 'Stated value of an in-kind gift in minor units (fen).' },
              currency: { type: 'string' },
              availability: { type: 'array', items: ref('WeeklyWindow') },
              slot_minutes: { type: 'integer', nullable: true },
              available_until: { type: 'string', format: 'date-time', nullable: true },
            },
          },
          contact: {
            type: 'object',
            description: "A volunteer's contact details: present only for staff of the volunteer's places. Every such read is audited.",
            properties: { name: { type: 'string' }, email: { type: 'string', nullable: true }, phone: { type: 'string', nullable: true }, consent_to_contact: { type: 'boolean' } },
          },
        },
      },
    ],
  },
  NewResource: {
    type: 'object',
    required: ['kind', 'place_id'],
    description:
      'Fields depend on kind. volunteer (creates or updates the caller\'s own profile): display_name, skills, tags, languages, availability, exceptions, travel_radius, max_hours_per_week, consent_to_contact, contact_phone. team: name, skills, categories, service_area_ids. organisation: name, registration_status, registration_number (unless informal), categories, service_area_ids, contact_name, contact_phone, contact_email. offer: offer_type (service or in_kind), name, provider_type, provider_name, categories, capacity, value_minor (in_kind), availability. venue: name, provider_type, provider_name, capacity, slot_minutes, availability (opening hours). goods: name, provider_type, provider_name, quantity, goods_mode.',
    properties: {
      kind: ref('ResourceKind'),
      place_id: { type: 'string', format: 'uuid', description: 'A street or a place inside one: home (volunteer), base (team, organisation), location (offer, venue, goods).' },
      name: { type: 'string', maxLength: 80 },
      display_name: { type: 'string', maxLength: 40 },
      description: { type: 'string', maxLength: 2000 },
      categories: strings(serviceCategories),
      skills: strings(skills),
      tags: { type: 'array', items: { type: 'string', maxLength: 20 } },
      languages: strings(languages),
      availability: { type: 'array', items: ref('WeeklyWindow') },
      exceptions: { type: 'array', items: exceptionSchema },
      travel_radius: { type: 'string', enum: [...travelRadii] },
      max_hours_per_week: { type: 'integer', minimum: 0, maximum: 168 },
      consent_to_contact: { type: 'boolean' },
      contact_phone: { type: 'string' },
      service_area_ids: { type: 'array', items: { type: 'string', format: 'uuid' } },
      registration_status: { type: 'string', enum: [...registrationStatuses] },
      registration_number: { type: 'string' },
      contact_name: { type: 'string' },
      contact_email: { type: 'string', format: 'email' },
      offer_type: { type: 'string', enum: ['service', 'in_kind'] },
      provider_type: { type: 'string', enum: [...providerTypes] },
      provider_name: { type: 'string' },
      capacity: { type: 'integer', minimum: 1 },
      quantity: { type: 'integer', minimum: 1 },
      goods_mode: { type: 'string', enum: [...goodsModes] },
      value_minor: { type: 'integer', minimum: 0 },
      slot_minutes: { type: 'integer', minimum: 15, maximum: 1440 },
      available_until: { type: 'string', format: 'date' },
    },
  },
  BackgroundCheckType: { type: 'string', enum: [...checkTypes] },
};

export const resourcePaths = {
  '/resources': {
    get: {
      summary: 'The public resource list: volunteers, teams, organisations, offers, venues, goods',
      operationId: 'listResources',
      security: [],
      parameters: [
        { name: 'kind', in: 'query', schema: ref('ResourceKind') },
        { name: 'category', in: 'query', schema: { type: 'string', enum: [...serviceCategories] } },
        { name: 'skill', in: 'query', schema: { type: 'string', enum: [...skills] } },
        { name: 'community', in: 'query', schema: { type: 'string', format: 'uuid' } },
        { name: 'grid', in: 'query', schema: { type: 'string', format: 'uuid' } },
        { name: 'q', in: 'query', schema: { type: 'string', maxLength: 100 }, description: 'Words in the name or description.' },
        { name: 'page', in: 'query', schema: { type: 'integer', minimum: 1, default: 1 } },
        { name: 'per_page', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 200, default: 50 } },
      ],
      responses: {
        '200': {
          description: 'A page of resources.',
          content: {
            'application/json': {
              schema: {
                type: 'object',
                required: ['data', 'page', 'per_page', 'total'],
                properties: { data: { type: 'array', items: ref('ResourceSummary') }, page: { type: 'integer' }, per_page: { type: 'integer' }, total: { type: 'integer' } },
              },
            },
          },
        },
        '400': { $ref: '#/components/responses/BadRequest' },
      },
    },
    post: {
      summary: 'Register a resource (or create/update the caller\'s own volunteer profile)',
      operationId: 'createResource',
      security: [{ bearer: [] }],
      requestBody: { required: true, content: { 'application/json': { schema: ref('NewResource') } } },
      responses: {
        '200': { description: 'The caller\'s volunteer profile was updated.', content: { 'application/json': { schema: ref('Resource') } } },
        '201': { description: 'Registered. Organisations appear on the public list once street staff verify them.', content: { 'application/json': { schema: ref('Resource') } } },
        '400': { $ref: '#/components/responses/BadRequest' },
        '401': { $ref: '#/components/responses/Unauthorized' },
        '415': { $ref: '#/components/responses/BadRequest' },
      },
    },
  },
  '/resources/{id}': {
    get: {
      summary: 'One resource; a volunteer\'s contact details only for staff of their places',
      operationId: 'getResource',
      security: [{}, { bearer: [] }],
      parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } }],
      responses: {
        '200': { description: 'The resource.', content: { 'application/json': { schema: ref('Resource') } } },
        '404': { $ref: '#/components/responses/NotFound' },
      },
    },
  },
};
