// A bare Remix app for the load and JavaScript benchmarks: the same Remix version and settings as Fivefold, one
// page, no data layer. Built into BARE_BUILD_DIR (e.g. .builds/load-bare) by bench/load-kit.ts.
import { resolve } from 'node:path';

const out = resolve(process.env.BARE_BUILD_DIR || '../../.builds/bare-remix');

/** @type {import('@remix-run/dev').AppConfig} */
export default {
  serverBuildPath: `${out}/index.js`,
  assetsBuildDirectory: `${out}/public`,
  cacheDirectory: `${out}/.cache`,
  publicPath: '/build/',
  serverModuleFormat: 'esm',
  serverPlatform: 'node',
  serverDependenciesToBundle: [],
  future: {
    v3_fetcherPersist: true,
    v3_relativeSplatPath: true,
    v3_throwAbortReason: true,
    v3_lazyRouteDiscovery: true,
    v3_singleFetch: true,
  },
};
