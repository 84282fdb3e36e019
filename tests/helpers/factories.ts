// Small builders for tests: places, users with roles, signed-in cookies, requests, and delivered mail.
import { forgetPlaceReads } from '../../app/places/place-reads.server';
import { randomUUID } from 'node:crypto';
import { asc, eq } from 'drizzle-orm';
import { db } from '../../db/client';
import { mailbox, places, roleAssignments, users, type CommunityType, type PlaceType, type Role } from '../../db/schema';
import { hashPassword } from '../../app/auth/password.server';
import { startSession } from '../../app/auth/session.server';
import { relayOutbox } from '../../app/outbox/relay.server';
import { isPrivileged } from '../../app/permissions/principal.server';
import { childPath } from '../../app/places/rules';

export const DEFAULT_PASSWORD = 'correct horse battery staple';

// scrypt takes ~0.2 s by design; a password's hash is computed once per test file and reused.
const hashes = new Map<string, Promise<string>>();
const hashOnce = (password: string) => {
  let hash = hashes.get(password);
  if (!hash) hashes.set(password, (hash = hashPassword(password)));
  return hash;
};

let sequence = 0;
const next = () => `${Date.now().toString(36)}${(++sequence).toString(36)}`;

export async function createPlace(
  input: { type: PlaceType; parentId?: string | null; nameZh?: string; nameEn?: string; communityType?: CommunityType } = { type: 'community' },
) {
  const parent = input.parentId ? (await db().select().from(places).where(eq(places.id, input.parentId)))[0] : null;
  if (input.parentId && !parent) throw new Error(`createPlace: no parent ${input.parentId}`);
  const id = randomUUID();
  const n = next();
  const [place] = await db()
    .insert(places)
    .values({
      id,
      type: input.type,
      parentId: parent?.id ?? null,
      nameZh: input.nameZh ?? `测试${input.type}${n}`,
      nameEn: input.nameEn ?? `Test ${input.type} ${n}`,
      path: childPath(parent?.path ?? null, id),
      depth: (parent?.depth ?? -1) + 1,
      communityType: input.type === 'community' ? (input.communityType ?? 'old_estate') : null,
    })
    .returning();
  // Written directly, so the app's short-lived copy of the communities is dropped as the app's own writes drop it.
  forgetPlaceReads();
  return place;
}

/** A street with two communities in it, the usual shape for scope tests. */
export async function createStreetWithCommunities() {
  const street = await createPlace({ type: 'street' });
  const community = await createPlace({ type: 'community', parentId: street.id });
  const otherCommunity = await createPlace({ type: 'community', parentId: street.id });
  return { street, community, otherCommunity };
}

export interface CreateUserInput {
  email?: string;
  name?: string;
  password?: string;
  /** Defaults to a platform resident, as sign-up makes. */
  roles?: { role: Role; placeId: string | null }[];
  homePlaceId?: string | null;
  locale?: 'zh-CN' | 'en';
}

export async function createUser(input: CreateUserInput = {}) {
  const email = (input.email ?? `user-${next()}@example.test`).toLowerCase();
  const password = input.password ?? DEFAULT_PASSWORD;
  const [user] = await db()
    .insert(users)
    .values({
      email,
      name: input.name ?? `Test User ${next()}`,
      passwordHash: await hashOnce(password),
      locale: input.locale ?? 'en',
      homePlaceId: input.homePlaceId ?? null,
    })
    .returning();
  const roles = input.roles ?? [{ role: 'resident' as const, placeId: null }];
  if (roles.length) await db().insert(roleAssignments).values(roles.map((r) => ({ userId: user.id, role: r.role, placeId: r.placeId })));
  return { ...user, email, password };
}

/** A signed-in session for the user without going through the login form; returns the `name=value` cookie. */
export async function sessionCookieFor(userId: string) {
  // A session as after a complete sign-in, second factor included (its enforcement is tested on its own).
  return cookieFrom(await startSession(db(), userId, await isPrivileged(userId), { secondFactorPassed: true }));
}

/** The `name=value` part of a Set-Cookie header: what a browser sends back. */
export function cookieFrom(setCookieHeader: string): string {
  const pair = setCookieHeader.split(';')[0].trim();
  if (!pair.includes('=')) throw new Error(`Not a Set-Cookie header: ${setCookieHeader}`);
  return pair;
}

/** A request to this app carrying a Cookie header (e.g. what cookieFrom returned), or none. */
export function requestWith(cookie: string | null | undefined, path = '/', init: RequestInit = {}): Request {
  const headers = new Headers(init.headers);
  if (cookie) headers.set('Cookie', cookie);
  return new Request(new URL(path, 'http://localhost'), { ...init, headers });
}

/** Relays the outbox, then returns the mail delivered to the address, oldest first. */
export async function deliveredMailTo(address: string) {
  await relayOutbox();
  return db().select().from(mailbox).where(eq(mailbox.to, address.toLowerCase())).orderBy(asc(mailbox.createdAt), asc(mailbox.outboxId));
}

/** The first link to this app in a mail's text. */
export function linkIn(text: string): string {
  const match = text.match(/https?:\/\/\S+/);
  if (!match) throw new Error(`No link in mail:\n${text}`);
  return match[0];
}
