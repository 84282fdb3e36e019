// The OpenAPI 3 description of /api/v1. Each capability adds its paths here; the document must stay valid (tested).
import { resourcePaths, resourceSchemas } from '../resources/openapi';
import { deliberationPaths, deliberationSchemas } from '../deliberation/openapi';
import { fundPaths, fundSchemas } from '../funds/openapi';
import { needPaths, needSchemas } from '../needs/openapi';
import { projectPaths, projectSchemas } from '../projects/openapi';
import { shiftPaths, shiftSchemas } from '../shifts/openapi';
import { matchingPaths, matchingSchemas } from '../matching/openapi';
import { searchPaths, searchSchemas } from '../search/openapi';
import { matchingFundPaths, matchingFundSchemas } from '../matching-funds/openapi';
import { statsPaths, statsSchemas } from '../stats/openapi';

const errorSchema = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message', 'fields'],
      properties: {
        code: { type: 'string', enum: ['bad_request', 'validation_failed', 'unauthorized', 'forbidden', 'not_found', 'method_not_allowed', 'conflict', 'unsupported_media_type', 'too_many_requests', 'internal'] },
        message: { type: 'string' },
        fields: { type: 'object', additionalProperties: { type: 'array', items: { type: 'string' } }, description: 'Messages per invalid field, keyed by field name.' },
      },
    },
  },
};

const errorResponse = (description: string) => ({ description, content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } });

export function openApiDocument() {
  return {
    openapi: '3.0.3',
    info: {
      title: 'Fivefold API',
      version: '1.0.0',
      description:
        'Neighbourhood needs, resources and projects. Authenticate with a personal access token (create one on the account page or with POST /tokens) sent as `Authorization: Bearer <token>`. Errors always have the shape {"error":{"code","message","fields"}}.',
    },
    servers: [{ url: '/api/v1' }],
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'A personal access token starting with ff_' } },
      schemas: {
        Error: errorSchema,
        ...resourceSchemas,
        ...deliberationSchemas,
        ...fundSchemas,
        ...needSchemas,
        ...projectSchemas,
        ...shiftSchemas,
        ...matchingSchemas,
        ...searchSchemas,
        ...matchingFundSchemas,
        ...statsSchemas,
        PlaceType: { type: 'string', enum: ['city', 'district', 'street', 'community', 'grid', 'compound', 'building'] },
        Place: {
          type: 'object',
          required: ['id', 'type', 'name_zh', 'name_en', 'parent_id', 'community_type'],
          properties: {
            id: { type: 'string', format: 'uuid' },
            type: { $ref: '#/components/schemas/PlaceType' },
            name_zh: { type: 'string' },
            name_en: { type: 'string' },
            parent_id: { type: 'string', format: 'uuid', nullable: true },
            community_type: { type: 'string', nullable: true, enum: ['urban_commercial_estate', 'old_estate', 'rural_village', 'mixed_resettlement', 'urban_village', null] },
          },
        },
        Role: {
          type: 'object',
          required: ['role', 'place'],
          properties: {
            role: { type: 'string', enum: ['resident', 'volunteer', 'team_leader', 'org_member', 'social_worker', 'grid_worker', 'community_staff', 'street_staff', 'treasurer', 'donor', 'funder', 'evaluator', 'admin'] },
            place: {
              type: 'object',
              nullable: true,
              description: 'Where the role holds; null for platform-wide.',
              required: ['id', 'name_zh', 'name_en'],
              properties: { id: { type: 'string', format: 'uuid' }, name_zh: { type: 'string' }, name_en: { type: 'string' } },
            },
          },
        },
      },
      responses: {
        BadRequest: errorResponse('The input is not valid; `fields` says which field and why.'),
        Unauthorized: errorResponse('No valid bearer token.'),
        Forbidden: errorResponse('The caller may not do this.'),
        NotFound: errorResponse('No such record, or not visible to the caller.'),
        TooManyRequests: errorResponse('Too many attempts; see Retry-After.'),
      },
    },
    paths: {
      ...resourcePaths,
      ...deliberationPaths,
      ...fundPaths,
      ...needPaths,
      ...projectPaths,
      ...shiftPaths,
      ...matchingPaths,
      ...searchPaths,
      ...matchingFundPaths,
      ...statsPaths,
      '/tokens': {
        post: {
          summary: 'Exchange an email and password for a personal access token',
          operationId: 'createToken',
          security: [],
          requestBody: {
            required: true,
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  required: ['email', 'password'],
                  properties: {
                    email: { type: 'string', format: 'email' },
                    password: { type: 'string' },
                    name: { type: 'string', maxLength: 80, description: 'What the token is for.' },
                    expires_in_days: { type: 'integer', minimum: 1, maximum: 365 },
                  },
                },
              },
            },
          },
          responses: {
            '201': {
              description: 'The token. It is shown only once.',
              content: {
                'application/json': {
                  schema: {
                    type: 'object',
                    required: ['token', 'id', 'name', 'created_at', 'expires_at'],
                    properties: {
                      token: { type: 'string' },
                      id: { type: 'string', format: 'uuid' },
                      name: { type: 'string' },
                      created_at: { type: 'string', format: 'date-time' },
                      expires_at: { type: 'string', format: 'date-time', nullable: true },
                    },
                  },
                },
              },
            },
            '400': { $ref: '#/components/responses/BadRequest' },
            '401': { $ref: '#/components/responses/Unauthorized' },
            '415': errorResponse('The body must be JSON.'),
            '429': { $ref: '#/components/responses/TooManyRequests' },
          },
        },
      },
      '/me': {
        get: {
          summary: 'The caller and their roles with the places where they hold',
          operationId: 'getMe',
          security: [{ bearer: [] }],
          responses: {
            '200': {
              description: 'The caller.',
              content: {
                'application/json': {
                  schema: {
                    type: 'object',
                    required: ['user', 'roles'],
                    properties: {
                      user: {
                        type: 'object',
                        required: ['id', 'name', 'email', 'locale'],
                        properties: { id: { type: 'string', format: 'uuid' }, name: { type: 'string' }, email: { type: 'string', nullable: true }, locale: { type: 'string', enum: ['zh-CN', 'en'] } },
                      },
                      roles: { type: 'array', items: { $ref: '#/components/schemas/Role' } },
                    },
                  },
                },
              },
            },
            '401': { $ref: '#/components/responses/Unauthorized' },
          },
        },
      },
      '/places': {
        get: {
          summary: 'Places (streets, communities, grids, compounds, buildings); public',
          operationId: 'listPlaces',
          security: [],
          parameters: [
            { name: 'type', in: 'query', schema: { $ref: '#/components/schemas/PlaceType' } },
            { name: 'parent', in: 'query', schema: { type: 'string', format: 'uuid' }, description: 'Only the places directly inside this one.' },
            { name: 'page', in: 'query', schema: { type: 'integer', minimum: 1, default: 1 } },
            { name: 'per_page', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 200, default: 50 } },
          ],
          responses: {
            '200': {
              description: 'A page of places.',
              content: {
                'application/json': {
                  schema: {
                    type: 'object',
                    required: ['data', 'page', 'per_page', 'total'],
                    properties: {
                      data: { type: 'array', items: { $ref: '#/components/schemas/Place' } },
                      page: { type: 'integer' },
                      per_page: { type: 'integer' },
                      total: { type: 'integer' },
                    },
                  },
                },
              },
            },
            '400': { $ref: '#/components/responses/BadRequest' },
          },
        },
      },
    },
  };
}
