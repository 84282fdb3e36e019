// The answer to a successful step in the API: the need as it is now.
import { needJson } from './api.server';
import { getPublicNeed } from './needs.server';

export async function needStepResponse(needId: string) {
  const need = await getPublicNeed(needId);
  return Response.json(needJson(need!));
}
