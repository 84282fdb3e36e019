import type { LoaderFunctionArgs } from '@remix-run/node';
import { handleApi } from '../api/errors.server';
import { roleJson } from '../api/serialize';
import { requireUser } from '../permissions/permissions.server';

export function loader({ request }: LoaderFunctionArgs) {
  return handleApi(async () => {
    const principal = await requireUser(request);
    return Response.json({
      user: { id: principal.user.id, name: principal.user.name, email: principal.user.email, locale: principal.user.locale },
      roles: principal.roles.map(roleJson),
    });
  });
}
