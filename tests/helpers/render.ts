// Server-rendering pages in a test: a Remix server build assembled from the root, the app's entry.server and the
// route modules a test names, handled by Remix's own request handler — the same loaders, components and renderer
// as production, sharing the test's database connection (a compiled build would open its own).
import { createRequestHandler, type ServerBuild } from '@remix-run/node';
import * as entryServer from '../../app/entry.server';
import * as root from '../../app/root';

export interface PageRoute {
  /** The route id, as the compiler names it (e.g. 'routes/needs.$needId'). */
  id: string;
  /** The URL pattern relative to the root, e.g. 'needs/:needId'. */
  path?: string;
  index?: boolean;
  module: Record<string, unknown>;
}

function buildOf(routes: PageRoute[]): ServerBuild {
  const all = [{ id: 'root', path: '', module: root as Record<string, unknown> }, ...routes];
  return {
    mode: 'production',
    entry: { module: entryServer as never },
    routes: Object.fromEntries(
      all.map((r) => [r.id, { id: r.id, parentId: r.id === 'root' ? undefined : 'root', path: r.path, index: 'index' in r ? r.index : undefined, caseSensitive: undefined, module: r.module as never }]),
    ),
    assets: {
      entry: { imports: [], module: '/build/entry.client.js' },
      routes: Object.fromEntries(
        all.map((r) => [
          r.id,
          {
            id: r.id,
            parentId: r.id === 'root' ? undefined : 'root',
            path: r.path,
            index: 'index' in r ? r.index : undefined,
            module: `/build/${r.id}.js`,
            imports: [],
            hasAction: 'action' in r.module,
            hasLoader: 'loader' in r.module,
            hasClientAction: false,
            hasClientLoader: false,
            hasErrorBoundary: 'ErrorBoundary' in r.module,
          },
        ]),
      ),
      url: '/build/manifest-test.js',
      version: 'test',
    },
    publicPath: '/build/',
    assetsBuildDirectory: 'public/build',
    future: { v3_fetcherPersist: true, v3_relativeSplatPath: true, v3_throwAbortReason: true, v3_lazyRouteDiscovery: true, v3_singleFetch: true } as never,
    isSpaMode: false,
  } as ServerBuild;
}

/**
 * Renders `url` as a browser's GET would (with an optional session cookie and other headers, e.g. the client address
 * server/app.ts sets, or Accept-Language) and answers the status and the HTML.
 */
export async function renderPage(routes: PageRoute[], url: string, cookie?: string | null, extraHeaders: Record<string, string> = {}) {
  const handle = createRequestHandler(buildOf(routes), 'production');
  const headers = new Headers({ Accept: 'text/html', 'User-Agent': 'Googlebot', ...extraHeaders }); // a bot: wait for the whole page
  if (cookie) headers.set('Cookie', cookie);
  const response = await handle(new Request(`http://localhost${url}`, { headers }), { cspNonce: 'test-nonce' });
  return { status: response.status, html: await response.text() };
}
