// The Content-Security-Policy nonce of the page being rendered: the server makes one per response (server/app.ts)
// and Remix's <Scripts>/<ScrollRestoration> put it on their inline scripts. In the browser it is empty, and that
// is fine: the scripts are already running by then.
import { createContext, useContext } from 'react';

const NonceContext = createContext<string>('');

export const NonceProvider = NonceContext.Provider;

export const useNonce = () => useContext(NonceContext);
