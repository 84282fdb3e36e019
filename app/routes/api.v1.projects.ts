import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { apiError, handleApi, methodNotAllowed, readJson, zodFields } from '../api/errors.server';
import { actorOf } from '../permissions/principal.server';
import { getPrincipal, requireUser } from '../permissions/permissions.server';
import { apiProjectError } from '../projects/api.server';
import { apiProjectQuery, apiProjectSchema, projectJson, projectSummaryJson } from '../projects/json';
import { createProject, getProject, listProjects } from '../projects/projects.server';

// The project list: public states for everyone, drafts too for staff of their places.
export function loader({ request }: LoaderFunctionArgs) {
  return handleApi(async () => {
    const parsed = apiProjectQuery.safeParse(Object.fromEntries(new URL(request.url).searchParams));
    if (!parsed.success) return apiError(400, 'validation_failed', 'The query is not valid.', zodFields(parsed.error));
    const { state, category, place, q, page, per_page } = parsed.data;
    const principal = await getPrincipal(request);
    const { rows, total } = await listProjects(principal, { state, category, placeId: place, q }, { limit: per_page, offset: (page - 1) * per_page });
    return Response.json({ data: rows.map(projectSummaryJson), page, per_page, total });
  });
}

/** Staff create a project (a draft) from one or more needs of their places. */
export function action({ request }: ActionFunctionArgs) {
  return handleApi(async () => {
    if (request.method !== 'POST') return methodNotAllowed(['GET', 'POST']);
    const principal = await requireUser(request);
    const parsed = apiProjectSchema.safeParse(await readJson(request));
    if (!parsed.success) return apiError(400, 'validation_failed', 'The request body is not valid.', zodFields(parsed.error));
    const b = parsed.data;
    try {
      const project = await createProject(principal, actorOf(principal), {
        needIds: b.need_ids,
        title: b.title,
        summary: b.summary,
        goals: b.goals,
        deliverables: b.deliverables,
        beneficiaries: b.beneficiaries,
        beneficiaryCount: b.beneficiary_count ?? null,
        category: b.category,
        requiredSkills: b.required_skills,
        budgetLines: b.budget_lines.map((l) => ({ label: l.label, amountMinor: l.amount_minor })),
        milestones: b.milestones.map((m) => ({ title: m.title, dueOn: m.due_on ?? null, amountMinor: m.amount_minor })),
        startsOn: b.starts_on ?? null,
        endsOn: b.ends_on ?? null,
      });
      const detail = (await getProject(principal, project.id))!;
      return Response.json(projectJson(detail), { status: 201, headers: { Location: `/api/v1/projects/${project.id}` } });
    } catch (error) {
      return apiProjectError(error);
    }
  });
}
