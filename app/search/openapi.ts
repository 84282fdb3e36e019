// The search part of the OpenAPI document (merged into app/api/openapi.ts).
import { facetFields, searchLists, searchSorts } from '../../search/engine';
import { urgencies } from '../needs/values';

const parts = { type: 'array', items: { type: 'object', required: ['text', 'match'], properties: { text: { type: 'string' }, match: { type: 'boolean' } } } };
const many = (description: string, items: Record<string, unknown> = { type: 'string' }) => ({
  schema: { type: 'array', items },
  style: 'form',
  explode: false,
  description: `${description} Several values, comma-separated (or the parameter repeated), mean any of them.`,
});

export const searchSchemas = {
  SearchHit: {
    type: 'object',
    required: ['id', 'list', 'title', 'url', 'score', 'category', 'community', 'grid', 'status', 'urgency', 'kind', 'created_at', 'deadline', 'highlights'],
    properties: {
      id: { type: 'string' },
      list: { type: 'string', enum: [...searchLists] },
      title: { type: 'string', description: 'For a need: its sanitised public summary; for a resource: its public name.' },
      url: { type: 'string', description: 'The item\'s public page, e.g. /needs/{id}.' },
      score: { type: 'number', nullable: true, description: 'Relevance (higher is better) when sorting by relevance.' },
      category: { type: 'string', nullable: true },
      community: { type: 'string', nullable: true, description: 'Place id of the community.' },
      grid: { type: 'string', nullable: true, description: 'Place id of the grid.' },
      status: { type: 'string', nullable: true },
      urgency: { type: 'string', nullable: true },
      kind: { type: 'string', nullable: true, description: 'A resource\'s kind, or the type staff gave a need at triage.' },
      created_at: { type: 'string', format: 'date-time' },
      deadline: { type: 'string', format: 'date-time', nullable: true, description: 'A need\'s running response deadline; an offer\'s last day.' },
      highlights: {
        type: 'object',
        nullable: true,
        required: ['title', 'snippet'],
        properties: { title: parts, snippet: parts },
        description: 'The title and a snippet in parts; parts with match=true matched the query. Render the text escaped.',
      },
    },
  },
  SearchResult: {
    type: 'object',
    required: ['hits', 'facets', 'facets_capped', 'total', 'total_capped', 'page', 'per_page', 'took_ms', 'fallback'],
    properties: {
      hits: { type: 'array', items: { $ref: '#/components/schemas/SearchHit' } },
      facets: {
        type: 'object',
        description: `Counts of values over the matches, per field (${facetFields.join(', ')}).`,
        additionalProperties: { type: 'object', additionalProperties: { type: 'integer' } },
      },
      facets_capped: { type: 'boolean', description: 'True when facet counts were taken over the first matches only (very common terms).' },
      total: { type: 'integer', description: 'Matches; a lower bound when total_capped.' },
      total_capped: { type: 'boolean' },
      page: { type: 'integer' },
      per_page: { type: 'integer' },
      took_ms: { type: 'number' },
      fallback: {
        type: 'boolean',
        description: 'True while Meilisearch is configured but cannot be reached: the results come from the PostgreSQL engine and may rank differently.',
      },
    },
  },
};

export const searchPaths = {
  '/search': {
    get: {
      summary: 'Search the needs, resources and projects lists',
      description: 'Full text in Chinese and English (Chinese substrings, English typos and prefixes), filters with facet counts, sorting and paging. Public documents only; no token needed.',
      tags: ['search'],
      parameters: [
        { name: 'q', in: 'query', schema: { type: 'string', maxLength: 200 }, description: 'Free text; empty lists everything.' },
        { name: 'lists', in: 'query', ...many('Lists to search (all when absent).', { type: 'string', enum: [...searchLists] }) },
        { name: 'category', in: 'query', ...many('Category codes.') },
        { name: 'community', in: 'query', ...many('Community place ids.', { type: 'string', format: 'uuid' }) },
        { name: 'grid', in: 'query', ...many('Grid place ids.', { type: 'string', format: 'uuid' }) },
        { name: 'status', in: 'query', ...many('Status codes.') },
        { name: 'urgency', in: 'query', ...many('Urgencies (needs).', { type: 'string', enum: [...urgencies] }) },
        { name: 'kind', in: 'query', ...many('Kinds (a resource\'s kind, a need\'s type).') },
        { name: 'sort', in: 'query', schema: { type: 'string', enum: [...searchSorts], default: 'relevance' } },
        { name: 'page', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 100, default: 1 } },
        { name: 'per_page', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 50, default: 20 } },
      ],
      responses: {
        '200': { description: 'Matches, facet counts and timing.', content: { 'application/json': { schema: { $ref: '#/components/schemas/SearchResult' } } } },
        '400': { description: 'A parameter is not valid (fields name which).', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
        '429': { $ref: '#/components/responses/TooManyRequests' },
      },
    },
  },
};
