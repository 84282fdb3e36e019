// Renders pages on the server and sets the security headers every response carries.
import { PassThrough } from 'node:stream';
import type { AppLoadContext, EntryContext } from '@remix-run/node';
import { createReadableStreamFromReadable } from '@remix-run/node';
import { RemixServer } from '@remix-run/react';
import { isbot } from 'isbot';
import { renderToPipeableStream } from 'react-dom/server';
import { reportDatabaseError } from '../db/availability';
import type { Capability } from './i18n/capabilities';
import { capabilityOfKey, messageTables } from './i18n/keys.server';
import type { Locale } from './i18n/locale';
import { registerCapabilities, registerMessages } from './i18n/page-messages';
import { NonceProvider } from './utils/nonce';
import { securityHeaders } from './utils/security-headers.server';

const ABORT_DELAY = 5_000;

// Pages translate through page-messages.ts; on the server every capability in every language is there (the browser
// gets only its page's language and the capabilities its routes declare), with each key's capability so that a key of
// an undeclared capability is reported by name.
for (const [locale, byCapability] of Object.entries(messageTables) as [Locale, Record<Capability, Record<string, string>>][]) {
  for (const [capability, table] of Object.entries(byCapability) as [Capability, Record<string, string>][]) registerMessages(locale, capability, table);
}
registerCapabilities(capabilityOfKey);

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  // server/app.ts made this response's nonce and put it in its Content-Security-Policy header.
  const nonce = typeof loadContext.cspNonce === 'string' && loadContext.cspNonce ? loadContext.cspNonce : undefined;
  const waitForAll = isbot(request.headers.get('user-agent') ?? '');
  return new Promise((resolve, reject) => {
    let shellRendered = false;
    // Gives up on a page that has not finished streaming in time; a finished page stops the clock.
    const giveUp = setTimeout(() => abort(), ABORT_DELAY);
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce ?? ''}>
        <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
      </NonceProvider>,
      {
        nonce,
        [waitForAll ? 'onAllReady' : 'onShellReady']() {
          shellRendered = true;
          const body = new PassThrough();
          body.once('close', () => clearTimeout(giveUp));
          responseHeaders.set('Content-Type', 'text/html; charset=utf-8');
          securityHeaders(responseHeaders);
          resolve(new Response(createReadableStreamFromReadable(body), { headers: responseHeaders, status: responseStatusCode }));
          pipe(body);
        },
        onShellError(error: unknown) {
          clearTimeout(giveUp);
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          if (shellRendered) console.error(error);
        },
      },
    );
  });
}

/**
 * Errors thrown by loaders and actions: a lost database connection trips the 503 gate (db/availability.ts) and is
 * logged in one line; anything else is logged whole, as Remix does by default. Aborted requests are not errors.
 */
export function handleError(error: unknown, { request }: { request: Request }) {
  if (request.signal.aborted) return;
  if (reportDatabaseError(error)) {
    console.warn(`Database unavailable during ${request.method} ${new URL(request.url).pathname}: ${(error as Error)?.message ?? error}`);
    return;
  }
  console.error(error);
}

export function handleDataRequest(response: Response) {
  securityHeaders(response.headers);
  return response;
}
