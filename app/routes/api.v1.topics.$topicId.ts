import type { LoaderFunctionArgs } from '@remix-run/node';
import { apiError, handleApi } from '../api/errors.server';
import { getTopic } from '../deliberation/topics.server';
import { listVotes } from '../deliberation/votes.server';
import { isUuid } from '../utils/http.server';

// Public: one topic with its stage timeline, plan, linked need summary, project and votes.
export function loader({ params }: LoaderFunctionArgs) {
  return handleApi(async () => {
    const id = params.topicId;
    const topic = isUuid(id) ? await getTopic(id) : null;
    if (!topic) return apiError(404, 'not_found', 'There is no such topic.');
    const votes = await listVotes({ topicId: topic.id, limit: 50, offset: 0 });
    return Response.json({
      id: topic.id,
      title: topic.title,
      problem: topic.problem,
      suggestion: topic.suggestion,
      stage: topic.stage,
      origin: topic.origin,
      plan: topic.plan || null,
      reply: topic.reply,
      place: { id: topic.placeId, name_zh: topic.placeZh, name_en: topic.placeEn },
      need: topic.needId ? { id: topic.needId, summary: topic.needSummary } : null,
      project: topic.project ? { id: topic.project.id, title: topic.project.title, state: topic.project.state } : null,
      timeline: topic.events.map((e) => ({ from_stage: e.fromStage, to_stage: e.toStage, note: e.note, at: e.createdAt.toISOString() })),
      votes: votes.rows.map((v) => ({ id: v.id, question: v.question, status: v.status })),
      created_at: topic.createdAt.toISOString(),
    });
  });
}
