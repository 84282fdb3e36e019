// The Chinese of notifications.ts, whose English is the key set: every key there, none other. A file of its own so that
// the browser, which loads one language only, gets the English without the Chinese (see bundle-zh.ts).
import type { en } from './notifications';

export const zh: Record<keyof typeof en, string> = {
  'notifications.title': '通知',
  'notifications.unreadCount': '{count} 条未读。',
  'notifications.showUnread': '只看未读',
  'notifications.showAll': '查看全部',
  'notifications.readAll': '全部标为已读',
  'notifications.allRead': '所有通知已标为已读。',
  'notifications.markRead': '标为已读',
  'notifications.new': '新：',
  'notifications.none': '暂无通知。您提交、关注、负责或报名的事项有进展时，会在这里告诉您。',
  'notifications.noneUnread': '没有未读通知。',
  'notifications.pages': '通知分页',
  'notifications.page': '第 {page} 页，共 {pages} 页',
  'notifications.newer': '较新',
  'notifications.older': '较早',
  'notifications.invalid': '操作未能完成，请重试。',
  'notifications.saved': '邮件通知方式已保存。',
  'notifications.email.title': '邮件',
  'notifications.email.legend': '通知如何通过邮件送达（通知总会显示在这里）',
  'notifications.email.immediate': '即时发送，每条一封',
  'notifications.email.digest': '每天一封汇总（早上发送）',
  'notifications.email.off': '不发送邮件',
  'notifications.digest.subject': '社区动态 {count} 条',
  'notifications.digest.greeting': '{name}，您好！以下是昨天以来的动态：',
  'notifications.digest.footer': '查看全部通知及设置邮件方式：',
};
