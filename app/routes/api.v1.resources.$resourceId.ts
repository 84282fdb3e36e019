import type { LoaderFunctionArgs } from '@remix-run/node';
import { apiError, handleApi } from '../api/errors.server';
import { actorOf } from '../permissions/principal.server';
import { getPrincipal } from '../permissions/permissions.server';
import { resourceJson } from '../resources/json';
import { getPublicResource } from '../resources/resources.server';
import { readVolunteerContact } from '../resources/volunteers.server';
import { isUuid } from '../utils/http.server';

// One resource as the public sees it. A volunteer's contact details are added only for staff of the
// volunteer's places (the read is audited); everyone else gets the same public record.
export function loader({ request, params }: LoaderFunctionArgs) {
  return handleApi(async () => {
    const id = params.resourceId;
    if (!isUuid(id)) return apiError(404, 'not_found', 'Not found.');
    const resource = await getPublicResource(id.toLowerCase());
    if (!resource) return apiError(404, 'not_found', 'Not found.');
    const principal = resource.kind === 'volunteer' ? await getPrincipal(request) : null;
    const contact = principal ? await readVolunteerContact(principal, actorOf(principal), resource.id) : null;
    return Response.json({
      ...resourceJson(resource),
      ...(contact ? { contact: { name: contact.name, email: contact.email, phone: contact.contactPhone ?? contact.phone, consent_to_contact: contact.consentToContact } } : {}),
    });
  });
}

export const action = () => apiError(405, 'method_not_allowed', 'Use GET.', undefined, { Allow: 'GET' });
