// A topic's followers hear of each stage by email as each chose — at once in their own language, in the daily
// digest, or not at all — beside the in-app notification; on both drivers.
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '../../db/client';
import { notifications } from '../../db/schema';
import { createTopic, moveTopic, setFollowing } from '../../app/deliberation/topics.server';
import { runDailyDigest, saveEmailMode } from '../../app/notifications/notifications.server';
import { useTestDatabase } from '../helpers/db';
import { deliberationWorld } from '../helpers/deliberation';
import { createUser, deliveredMailTo } from '../helpers/factories';

useTestDatabase();

let world: Awaited<ReturnType<typeof deliberationWorld>>;
beforeAll(async () => {
  world = await deliberationWorld();
});

describe('topic stage notices by email', () => {
  it('immediate followers get a mail in their language naming the stage; digest followers get it in the digest; "off" gets none', async () => {
    const zhFollower = await createUser({ locale: 'zh-CN' });
    const enFollower = await createUser({ locale: 'en' });
    const digest = await createUser({ locale: 'zh-CN' });
    const off = await createUser({ locale: 'en' });
    await saveEmailMode(digest.id, 'digest');
    await saveEmailMode(off.id, 'off');
    const topic = await createTopic({ userId: world.staff.id }, { title: '楼道照明', problem: '楼道太暗', suggestion: '', place: world.community, origin: 'staff', proposedByUserId: null });
    for (const u of [zhFollower, enFollower, digest, off]) await setFollowing(u.id, topic.id, true);

    await moveTopic({ userId: world.staff.id }, topic.id, 'chosen', { note: '列入本月议题' });

    const [zhMail, ...zhMore] = await deliveredMailTo(zhFollower.email);
    expect(zhMore).toHaveLength(0);
    expect(zhMail.subject).toContain('楼道照明');
    expect(zhMail.text).toContain('选定议题');
    expect(zhMail.text).toContain(`/topics/${topic.id}`);
    const [enMail] = await deliveredMailTo(enFollower.email);
    expect(enMail.text).toContain('It is now at the stage: Chosen.');
    expect(await deliveredMailTo(digest.email)).toHaveLength(0);
    expect(await deliveredMailTo(off.email)).toHaveLength(0);
    // The staff member who moved it is not told of their own step; everyone still sees it in the app.
    expect(await db().select().from(notifications).where(eq(notifications.subjectId, topic.id))).toHaveLength(4);

    await runDailyDigest(new Date(Date.now() + 60_000));
    const [digestMail] = await deliveredMailTo(digest.email);
    expect(digestMail.text).toContain('楼道照明');
    expect(await deliveredMailTo(off.email)).toHaveLength(0);

    // The next stage is one more mail, not a repeat of the first.
    await moveTopic({ userId: world.staff.id }, topic.id, 'notice');
    expect(await deliveredMailTo(zhFollower.email)).toHaveLength(2);
  });
});
