// Email texts in both languages. Links are absolute, built from PUBLIC_URL or the request's origin.
import type { Locale } from '../i18n/locale';

export type MailTemplate =
  | { kind: 'password_reset'; name: string; link: string }
  | { kind: 'email_change_confirm'; name: string; link: string; newEmail: string }
  | { kind: 'email_change_notice'; name: string; newEmail: string }
  | { kind: 'password_changed'; name: string };

export function renderMail(locale: Locale, t: MailTemplate): { subject: string; text: string } {
  const zh = locale === 'zh-CN';
  switch (t.kind) {
    case 'password_reset':
      return zh
        ? { subject: '五社联动：重设密码', text: `${t.name}，您好：\n\n请在一小时内打开以下链接设置新密码（只能使用一次）：\n${t.link}\n\n如果不是您本人申请，请忽略此邮件，您的密码不会改变。` }
        : { subject: 'Fivefold: reset your password', text: `Hello ${t.name},\n\nOpen this link within one hour to choose a new password (it works once):\n${t.link}\n\nIf you did not ask for this, ignore this email; your password stays the same.` };
    case 'email_change_confirm':
      return zh
        ? { subject: '五社联动：确认新邮箱', text: `${t.name}，您好：\n\n请在一小时内打开以下链接，确认将账户邮箱改为 ${t.newEmail}：\n${t.link}` }
        : { subject: 'Fivefold: confirm your new email address', text: `Hello ${t.name},\n\nOpen this link within one hour to make ${t.newEmail} your account's email address:\n${t.link}` };
    case 'email_change_notice':
      return zh
        ? { subject: '五社联动：账户邮箱已更改', text: `${t.name}，您好：\n\n您的账户邮箱已改为 ${t.newEmail}。如果不是您本人操作，请立即联系社区工作人员。` }
        : { subject: 'Fivefold: your email address was changed', text: `Hello ${t.name},\n\nYour account's email address is now ${t.newEmail}. If this was not you, contact your community staff at once.` };
    case 'password_changed':
      return zh
        ? { subject: '五社联动：密码已修改', text: `${t.name}，您好：\n\n您的密码刚刚被修改，其他设备上的登录已结束。如果不是您本人操作，请立即重设密码。` }
        : { subject: 'Fivefold: your password was changed', text: `Hello ${t.name},\n\nYour password was just changed and your other sessions were ended. If this was not you, reset your password at once.` };
  }
}
