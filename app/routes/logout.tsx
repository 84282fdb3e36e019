import { redirect, type ActionFunctionArgs } from '@remix-run/node';
import { logOut } from '../auth/accounts.server';
import { clearSessionCookie } from '../auth/session.server';
import { getPrincipal } from '../permissions/permissions.server';

// Logging out changes state, so it is a POST; a GET only sends people home.
export const loader = () => redirect('/');

export async function action({ request }: ActionFunctionArgs) {
  const principal = await getPrincipal(request);
  await logOut(request, principal?.user.id ?? null);
  return redirect('/?notice=auth.loggedOut', { headers: { 'Set-Cookie': await clearSessionCookie() } });
}
