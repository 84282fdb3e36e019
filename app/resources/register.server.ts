// Registering a resource of any kind from one validated input: the API's POST /resources and the pages share it.
import type { z } from 'zod';
import type { Actor } from '../audit/audit.server';
import { createOffer, createOrganisation, createTeam } from './resources.server';
import { offerInput, organisationInput, teamInput, volunteerInput } from './schemas';
import { saveVolunteerProfile } from './volunteers.server';
import type { ResourceKind } from './values';

export const inputSchemaOf = (kind: ResourceKind): z.ZodTypeAny =>
  kind === 'volunteer' ? volunteerInput : kind === 'team' ? teamInput : kind === 'organisation' ? organisationInput : offerInput;

/** Registers a validated input; returns the new (or, for one's own volunteer profile, updated) resource id. */
export async function registerResource(actor: Actor & { userId: string }, kind: ResourceKind, input: unknown): Promise<{ id: string; created: boolean }> {
  switch (kind) {
    case 'volunteer':
      return saveVolunteerProfile(actor, input as z.infer<typeof volunteerInput>);
    case 'team':
      return { id: (await createTeam(actor, input as z.infer<typeof teamInput>)).id, created: true };
    case 'organisation':
      return { id: (await createOrganisation(actor, input as z.infer<typeof organisationInput>)).id, created: true };
    default:
      return { id: (await createOffer(actor, { ...(input as z.infer<typeof offerInput>), kind })).id, created: true };
  }
}
