// Personal access tokens for the JSON API: shown once, stored as a hash, revocable, touched when used.
import { and, desc, eq, gt, isNull, or } from 'drizzle-orm';
import { db, type DbOrTx } from '../../db/client';
import { apiTokens } from '../../db/schema';
import { recordAudit, type Actor } from '../audit/audit.server';
import { randomToken, sha256 } from '../auth/crypto.server';
import { loadPrincipal, type Principal } from '../permissions/principal.server';

export const TOKEN_PREFIX = 'ff_';

export async function createApiToken(actor: Actor & { userId: string }, name: string, ttlDays?: number) {
  return db().transaction((tx) => insertApiToken(tx, actor, name, ttlDays));
}

async function insertApiToken(tx: DbOrTx, actor: Actor & { userId: string }, name: string, ttlDays?: number) {
  const token = TOKEN_PREFIX + randomToken(30);
  const [row] = await tx
    .insert(apiTokens)
    .values({
      userId: actor.userId,
      name,
      tokenHash: sha256(token),
      prefix: token.slice(0, 10),
      expiresAt: ttlDays ? new Date(Date.now() + ttlDays * 86_400_000) : null,
    })
    .returning({
      id: apiTokens.id,
      name: apiTokens.name,
      prefix: apiTokens.prefix,
      createdAt: apiTokens.createdAt,
      expiresAt: apiTokens.expiresAt,
    });
  await recordAudit(tx, actor, {
    action: 'api_token.create',
    subjectType: 'api_token',
    subjectId: row.id,
    after: { name },
  });
  return { ...row, token };
}

export async function listApiTokens(userId: string) {
  return db()
    .select({
      id: apiTokens.id,
      name: apiTokens.name,
      prefix: apiTokens.prefix,
      createdAt: apiTokens.createdAt,
      lastUsedAt: apiTokens.lastUsedAt,
      expiresAt: apiTokens.expiresAt,
    })
    .from(apiTokens)
    .where(and(eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)))
    .orderBy(desc(apiTokens.createdAt));
}

/** Revokes one of the user's own tokens; false when there is no such live token of theirs. */
export async function revokeApiToken(actor: Actor & { userId: string }, tokenId: string) {
  return db().transaction(async (tx) => {
    const revoked = await tx
      .update(apiTokens)
      .set({ revokedAt: new Date() })
      .where(and(eq(apiTokens.id, tokenId), eq(apiTokens.userId, actor.userId), isNull(apiTokens.revokedAt)))
      .returning({ id: apiTokens.id });
    if (!revoked.length) return false;
    await recordAudit(tx, actor, {
      action: 'api_token.revoke',
      subjectType: 'api_token',
      subjectId: tokenId,
    });
    return true;
  });
}

export async function bearerPrincipal(request: Request): Promise<Principal | null> {
  const header = request.headers.get('Authorization') ?? '';
  const token = header.slice('Bearer '.length).trim();
  if (!token.startsWith(TOKEN_PREFIX)) return null;
  const now = new Date();
  const [row] = await db()
    .select({
      id: apiTokens.id,
      userId: apiTokens.userId,
      lastUsedAt: apiTokens.lastUsedAt,
    })
    .from(apiTokens)
    .where(and(eq(apiTokens.tokenHash, sha256(token)), isNull(apiTokens.revokedAt), or(isNull(apiTokens.expiresAt), gt(apiTokens.expiresAt, now))))
    .limit(1);
  if (!row) return null;
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > 60_000) {
    await db().update(apiTokens).set({ lastUsedAt: now }).where(eq(apiTokens.id, row.id));
  }
  return loadPrincipal(row.userId, {
    sessionId: null,
    actingForUserId: null,
    via: 'token',
  });
}
