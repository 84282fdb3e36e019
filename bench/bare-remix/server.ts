// Serves the bare Remix build the way server/app.ts serves Fivefold's: express, static assets under /build, the
// Remix request handler for everything else. BARE_BUILD_DIR names the build; PORT the port.
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import express from 'express';
import { createRequestHandler } from '@remix-run/express';

const dir = resolve(process.env.BARE_BUILD_DIR || '.builds/bare-remix');
const build = await import(pathToFileURL(resolve(dir, 'index.js')).href);
const app = express();
app.disable('x-powered-by');
app.use('/build', express.static(`${dir}/public`, { immutable: true, maxAge: '1y' }));
app.all('*', createRequestHandler({ build, mode: process.env.NODE_ENV }));
const port = Number(process.env.PORT || 3000);
const server = app.listen(port, () => console.log(`bare Remix serving http://localhost:${port}`));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
process.on('SIGINT', () => server.close(() => process.exit(0)));
