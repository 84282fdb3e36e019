import { redirect, type ActionFunctionArgs } from '@remix-run/node';
import { startActing, stopActing } from '../people/acting.server';
import { requireUser } from '../permissions/permissions.server';
import { forbidden, isUuid } from '../utils/http.server';
import { redirectWithNotice } from '../utils/forms.server';

export const loader = () => redirect('/');

export async function action({ request }: ActionFunctionArgs) {
  const principal = await requireUser(request);
  const form = await request.formData();
  if (form.get('intent') === 'stop') {
    await stopActing(principal);
    return redirectWithNotice('/', 'acting.stopped');
  }
  const userId = form.get('userId');
  if (!isUuid(userId)) throw forbidden();
  const target = await startActing(principal, userId);
  if (!target) throw forbidden();
  return redirect('/');
}
