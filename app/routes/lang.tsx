import { redirect, type ActionFunctionArgs } from '@remix-run/node';
import { isLocale, LOCALE_COOKIE } from '../i18n/locale';
import { isProduction } from '../utils/env.server';
import { safeRedirectPath } from '../utils/http.server';

export const loader = () => redirect('/');

export async function action({ request }: ActionFunctionArgs) {
  const form = await request.formData();
  const lang = form.get('lang');
  const to = safeRedirectPath(form.get('redirectTo'), '/');
  if (!isLocale(lang)) return redirect(to);
  const cookie = `${LOCALE_COOKIE}=${encodeURIComponent(lang)}; Path=/; Max-Age=31536000; SameSite=Lax${isProduction() ? '; Secure' : ''}`;
  return redirect(to, { headers: { 'Set-Cookie': cookie } });
}
