import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { z } from 'zod';
import { apiError, handleApi, methodNotAllowed, readJson } from '../api/errors.server';
import { translator } from '../i18n/messages';
import { actorOf } from '../permissions/principal.server';
import { requireUser } from '../permissions/permissions.server';
import { camelKeys, camelToSnake, resourceJson, resourceListJson } from '../resources/json';
import { inputSchemaOf, registerResource } from '../resources/register.server';
import { getPublicResource, listResources, ResourceError } from '../resources/resources.server';
import { resourceKinds, serviceCategories, skills } from '../resources/values';

// The public resource list: display name, kind, categories, skills and area — never a person's contact or home.
const query = z.object({
  kind: z.enum(resourceKinds, { errorMap: () => ({ message: `must be one of ${resourceKinds.join(', ')}` }) }).optional(),
  category: z.enum(serviceCategories, { errorMap: () => ({ message: `must be one of ${serviceCategories.join(', ')}` }) }).optional(),
  skill: z.enum(skills as [string, ...string[]], { errorMap: () => ({ message: 'must be a skill of the taxonomy' }) }).optional(),
  community: z.string().uuid('must be a place id (UUID)').optional(),
  grid: z.string().uuid('must be a place id (UUID)').optional(),
  q: z.string().trim().max(100, 'must be at most 100 characters').optional(),
  page: z.coerce.number().int().min(1, 'must be 1 or more').default(1),
  per_page: z.coerce.number().int().min(1).max(200, 'must be at most 200').default(50),
});

const en = translator('en');

/** Field errors in the API's shape: snake_case names, English messages. */
function fieldsOf(error: z.ZodError) {
  const fields: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = issue.path.map((p) => (typeof p === 'string' ? camelToSnake(p) : String(p))).join('.') || '_';
    (fields[key] ??= []).push(en(issue.message));
  }
  return fields;
}

export function loader({ request }: LoaderFunctionArgs) {
  return handleApi(async () => {
    const parsed = query.safeParse(Object.fromEntries(new URL(request.url).searchParams));
    if (!parsed.success) return apiError(400, 'validation_failed', 'The query is not valid.', fieldsOf(parsed.error));
    const { kind, category, skill, community, grid, q, page, per_page } = parsed.data;
    const { rows, total } = await listResources({ kind, category, skill, communityId: community, gridId: grid, q, limit: per_page, offset: (page - 1) * per_page });
    return Response.json({ data: rows.map(resourceListJson), page, per_page, total });
  });
}

export function action({ request }: ActionFunctionArgs) {
  return handleApi(async () => {
    if (request.method !== 'POST') return methodNotAllowed(['GET', 'POST']);
    const principal = await requireUser(request);
    const body = camelKeys(await readJson(request));
    const kind = z.enum(resourceKinds).safeParse(body.kind);
    if (!kind.success) return apiError(400, 'validation_failed', 'The request body is not valid.', { kind: [`must be one of ${resourceKinds.join(', ')}`] });
    const parsed = inputSchemaOf(kind.data).safeParse(body);
    if (!parsed.success) return apiError(400, 'validation_failed', 'The request body is not valid.', fieldsOf(parsed.error));
    try {
      const { id, created } = await registerResource(actorOf(principal), kind.data, parsed.data);
      const resource = await getPublicResource(id, { includeHidden: true });
      return Response.json(resourceJson(resource!), { status: created ? 201 : 200, headers: { Location: `/api/v1/resources/${id}` } });
    } catch (error) {
      if (error instanceof ResourceError && error.field) {
        return apiError(400, 'validation_failed', 'The request body is not valid.', { [camelToSnake(error.field)]: [error.code === 'place_too_high' ? 'must be a street or a place inside one' : 'no such place'] });
      }
      throw error;
    }
  });
}
