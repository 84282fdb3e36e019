// Route matching on the server goes through the patched @remix-run/router (patches/, applied by `npm install`'s
// postinstall): flattened and ranked branches are kept per shape of the route tree and compiled paths are kept,
// instead of being rebuilt for each of the several matches a request makes. These tests hold the patched matcher
// to what the router promises: the app's URLs reach the pages they always reached, ranking rules hold, and a tree
// that changes shape is matched as it is now, not as it was.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
// The server (Node, through @remix-run/server-runtime and react-router-dom/server) loads the CommonJS build.
const routerPath = require.resolve('@remix-run/router');
const router = require(routerPath) as typeof import('@remix-run/router');

type Route = { id: string; path?: string; index?: boolean; caseSensitive?: boolean; children?: Route[] };

// Remix's own reading of app/routes (the flat-routes convention), loaded once; its CommonJS entry warns about Vite's.
let flatRoutes: (appDirectory: string) => unknown;
beforeAll(async () => {
  process.env.VITE_CJS_IGNORE_WARNING = 'true';
  flatRoutes = (await import('@remix-run/dev')).UNSAFE_flatRoutes;
});

function appRoutes(): Route[] {
  const manifest = flatRoutes(resolve('app')) as Record<string, { id: string; parentId?: string; path?: string; index?: boolean; caseSensitive?: boolean }>;
  const all = [{ id: 'root', path: '' }, ...Object.values(manifest)];
  const byParent = new Map<string | undefined, typeof all>();
  for (const route of all) {
    const parent = route.id === 'root' ? undefined : (('parentId' in route && route.parentId) || 'root');
    byParent.set(parent, [...(byParent.get(parent) ?? []), route]);
  }
  const build = (parentId: string | undefined): Route[] =>
    (byParent.get(parentId) ?? []).map((r) => ({
      id: r.id,
      path: r.path,
      index: 'index' in r ? r.index : undefined,
      caseSensitive: 'caseSensitive' in r ? r.caseSensitive : undefined,
      children: build(r.id),
    }));
  return build(undefined);
}

const match = (routes: Route[], pathname: string) => router.matchRoutes(routes as Parameters<typeof router.matchRoutes>[0], pathname);

const leaf = (routes: Route[], pathname: string) => {
  const matches = match(routes, pathname);
  return matches ? matches[matches.length - 1].route.id : null;
};

describe('server route matching (patched @remix-run/router)', () => {
  it('is the patched build (npm install runs patch-package; without it every request pays for matching again)', () => {
    const patched = readFileSync(routerPath, 'utf8').includes('Fivefold patch');
    expect(patched, `${routerPath} is not patched: run npm install (postinstall: patch-package)`).toBe(true);
  });

  it('sends the app’s URLs to the pages they belong to, on the same tree and on fresh copies of it', () => {
    const expected: Array<[string, string | null]> = [
      ['/', 'routes/_index'],
      ['/needs', 'routes/needs._index'],
      ['/needs/', 'routes/needs._index'],
      ['/needs/new', 'routes/needs.new'],
      ['/NEEDS/New', 'routes/needs.new'],
      ['/needs/0b7c1e2a', 'routes/needs.$needId'],
      ['/needs/0b7c1e2a/suggestions', 'routes/needs.$needId_.suggestions'],
      ['/needs/0b7c1e2a/photos/p1', 'routes/needs.$needId.photos.$photoId'],
      ['/needs/import', 'routes/needs.import._index'],
      ['/projects/p9/funding', 'routes/projects.$projectId_.funding'],
      ['/search', 'routes/search'],
      ['/api/v1/search', 'routes/api.v1.search'],
      ['/%E9%9C%80%E6%B1%82', null],
      ['/no-such-page/at/all', null],
    ];
    const tree = appRoutes();
    expect(tree[0].children!.length).toBeGreaterThan(100);
    for (let round = 0; round < 3; round++) {
      for (const [pathname, id] of expected) {
        expect(leaf(tree, pathname), pathname).toBe(id);
        expect(leaf(appRoutes(), pathname), `${pathname} (fresh tree)`).toBe(id);
      }
    }
    const matches = match(tree, '/needs/0b7c1e2a/photos/p1')!;
    expect(matches.map((m) => m.route.id)).toEqual(['root', 'routes/needs.$needId', 'routes/needs.$needId.photos.$photoId']);
    expect(matches[2].params).toEqual({ needId: '0b7c1e2a', photoId: 'p1' });
  });

  it('keeps the router’s ranking: fixed before dynamic, optional segments, splats last, case-sensitive routes', () => {
    const tree = (): Route[] => [
      {
        id: 'root',
        path: '/',
        children: [
          { id: 'splat', path: '*' },
          { id: 'dynamic', path: ':slug' },
          { id: 'fixed', path: 'about' },
          { id: 'optional', path: ':lang?/help' },
          { id: 'exact-case', path: 'CaSe', caseSensitive: true },
          { id: 'layout', children: [{ id: 'in-layout', path: 'files/*' }, { id: 'home', index: true }] },
        ],
      },
    ];
    const cases: Array<[string, string | null, Record<string, string | undefined>?]> = [
      ['/about', 'fixed'],
      ['/ABOUT', 'fixed'],
      ['/other', 'dynamic', { slug: 'other' }],
      ['/help', 'optional', { lang: undefined }],
      ['/zh/help', 'optional', { lang: 'zh' }],
      ['/CaSe', 'exact-case'],
      ['/case', 'dynamic', { slug: 'case' }],
      ['/files/a/b', 'in-layout', { '*': 'a/b' }],
      ['/', 'home'],
      ['/x/y/z', 'splat', { '*': 'x/y/z' }],
    ];
    for (const [pathname, id, params] of cases) {
      const matches = match(tree(), pathname);
      expect(matches?.at(-1)?.route.id ?? null, pathname).toBe(id);
      if (params) expect(matches!.at(-1)!.params, pathname).toEqual(params);
    }
  });

  it('matches a tree that changed shape as it is now (a route added, a path changed)', () => {
    const children: Route[] = [{ id: 'list', path: 'needs' }];
    const tree: Route[] = [{ id: 'root', path: '/', children }];
    expect(leaf(tree, '/needs')).toBe('list');
    expect(leaf(tree, '/projects')).toBeNull();
    children.push({ id: 'projects', path: 'projects' });
    expect(leaf(tree, '/projects')).toBe('projects');
    children[0].path = 'requests';
    expect(leaf(tree, '/needs')).toBeNull();
    expect(leaf(tree, '/requests')).toBe('list');
    children.unshift({ id: 'first', path: ':anything' });
    expect(leaf(tree, '/requests')).toBe('list');
    expect(leaf(tree, '/else')).toBe('first');
  });
});
