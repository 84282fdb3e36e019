import type { ActionFunctionArgs } from '@remix-run/node';
import { programmeStatusAction } from '../matching-funds/api.server';

// POST: launch a draft (funders of its place). Its rules are fixed from now on, bar a later end and more projects.
export function action({ request, params }: ActionFunctionArgs) {
  return programmeStatusAction(request, params.programmeId ?? '', 'launch');
}
