// FIVEFOLD_BUILD_DIR puts the whole build (server bundle, browser assets, compiler cache) in one other
// directory inside the checkout (e.g. .builds/shifts — the server bundle resolves node_modules from there),
// so several people's browser tests can build side by side without overwriting each other.
const out = process.env.FIVEFOLD_BUILD_DIR;

/** @type {import('@remix-run/dev').AppConfig} */
export default {
  ...(out
    ? { serverBuildPath: `${out}/index.js`, assetsBuildDirectory: `${out}/public`, cacheDirectory: `${out}/.cache` }
    : {}),
  ignoredRouteFiles: ['**/.*', '**/*.test.*'],
  serverModuleFormat: 'esm',
  serverPlatform: 'node',
  // Server-only packages stay external; everything under app/, db/, jobs/ is bundled.
  serverDependenciesToBundle: [],
  future: {
    v3_fetcherPersist: true,
    v3_relativeSplatPath: true,
    v3_throwAbortReason: true,
    v3_lazyRouteDiscovery: true,
    v3_singleFetch: true,
  },
};
