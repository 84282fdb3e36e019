import type { LoaderFunctionArgs } from '@remix-run/node';
import { z } from 'zod';
import { placeTypes } from '../../db/schema/values';
import { apiError, handleApi, zodFields } from '../api/errors.server';
import { placeJson } from '../api/serialize';
import { findPlaces } from '../places/places.server';

// Places are public: names and types of streets, communities, grids and buildings. Households are not places.
const query = z.object({
  type: z.enum(placeTypes, { errorMap: () => ({ message: `must be one of ${placeTypes.join(', ')}` }) }).optional(),
  parent: z.string().uuid('must be a place id (UUID)').optional(),
  page: z.coerce.number().int().min(1, 'must be 1 or more').default(1),
  per_page: z.coerce.number().int().min(1).max(200, 'must be at most 200').default(50),
});

export function loader({ request }: LoaderFunctionArgs) {
  return handleApi(async () => {
    const params = Object.fromEntries(new URL(request.url).searchParams);
    const parsed = query.safeParse(params);
    if (!parsed.success) return apiError(400, 'validation_failed', 'The query is not valid.', zodFields(parsed.error));
    const { type, parent, page, per_page } = parsed.data;
    const { rows, total } = await findPlaces({ type, parentId: parent, limit: per_page, offset: (page - 1) * per_page });
    return Response.json({ data: rows.map(placeJson), page, per_page, total });
  });
}
