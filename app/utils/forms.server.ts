// Form helpers shared by actions: one zod schema per form, field errors back to the page.
import { parseWithZod } from '@conform-to/zod';
import { redirect } from '@remix-run/node';
import type { z } from 'zod';

export async function parseForm<S extends z.ZodTypeAny>(request: Request, schema: S) {
  const formData = await request.formData();
  return { formData, submission: parseWithZod(formData, { schema }) };
}

/** Post/redirect/get with a one-line notice; only known message keys are ever shown (see root.tsx). */
export function redirectWithNotice(path: string, notice: string, init?: ResponseInit) {
  const url = new URL(path, 'http://x');
  url.searchParams.set('notice', notice);
  return redirect(url.pathname + url.search, init);
}

export function originOf(request: Request) {
  const configured = process.env.PUBLIC_URL;
  if (configured) return configured.replace(/\/$/, '');
  return new URL(request.url).origin;
}
