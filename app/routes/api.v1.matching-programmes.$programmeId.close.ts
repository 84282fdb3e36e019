import type { ActionFunctionArgs } from '@remix-run/node';
import { programmeStatusAction } from '../matching-funds/api.server';

// POST: close a draft or launched programme (funders of its place); no gift is matched after the close commits.
export function action({ request, params }: ActionFunctionArgs) {
  return programmeStatusAction(request, params.programmeId ?? '', 'close');
}
