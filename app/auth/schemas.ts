// Input schemas of the account forms and API; messages are i18n keys, translated where they are shown.
import { z } from 'zod';

export const email = z.string({ required_error: 'v.required' }).trim().max(254, 'v.tooLong').email('v.email');
export const password = z.string({ required_error: 'v.required' }).min(10, 'v.passwordLength').max(128, 'v.passwordLength');
export const personName = z.string({ required_error: 'v.required' }).trim().min(1, 'v.required').max(100, 'v.tooLong');
export const localeField = z.enum(['zh-CN', 'en']);

export const signupSchema = z
  .object({ email, name: personName, password, passwordRepeat: z.string({ required_error: 'v.required' }) })
  .superRefine((v, ctx) => {
    if (v.password !== v.passwordRepeat) ctx.addIssue({ code: 'custom', path: ['passwordRepeat'], message: 'v.passwordMismatch' });
    if (v.password.trim().toLowerCase() === v.email.toLowerCase()) ctx.addIssue({ code: 'custom', path: ['password'], message: 'v.passwordSameAsEmail' });
  });

export const loginSchema = z.object({
  email,
  password: z.string({ required_error: 'v.required' }).max(1024, 'v.tooLong'),
  redirectTo: z.string().optional(),
});

export const forgotSchema = z.object({ email });

export const resetSchema = z
  .object({ password, passwordRepeat: z.string({ required_error: 'v.required' }) })
  .refine((v) => v.password === v.passwordRepeat, { path: ['passwordRepeat'], message: 'v.passwordMismatch' });
