// The Chinese of two-factor.ts, whose English is the key set: every key there, none other. A file of its own so that
// the browser, which loads one language only, gets the English without the Chinese (see bundle-zh.ts).
import type { en } from './two-factor';

export const zh: Record<keyof typeof en, string> = {
  'twoFactor.loginTitle': '输入登录验证码',
  'twoFactor.loginIntro': '打开手机上的身份验证器应用，输入它为 Fivefold 显示的六位数验证码。手机丢了？可改为输入一个恢复码。',
  'twoFactor.code': '验证码',
  'twoFactor.codeHint': '应用中的六位数字，或恢复码（如 ABCDE-FGH23）。',
  'twoFactor.verify': '继续',
  'twoFactor.wrongCode': '验证码不正确。请检查手机时间，并输入最新的验证码。',
  'twoFactor.replayed': '这个验证码刚刚用过。请等应用显示下一个。',
  'twoFactor.throttled': '错误次数过多。请 {minutes} 分钟后再试。',
  'twoFactor.startOver': '换一个账号登录',
  'twoFactor.title': '两步验证登录',
  'twoFactor.required': '您的角色可以查看居民的私密信息或经手资金，登录时除密码外还需要手机上的验证码。请现在设置后继续。',
  'twoFactor.enrolIntro': '安装一个身份验证器应用（如 Microsoft Authenticator、Google 身份验证器或 FreeOTP），扫描下面的二维码添加账号，或手动输入下面的密钥。',
  'twoFactor.qrAlt': '将 Fivefold 添加到身份验证器应用的二维码',
  'twoFactor.secret': '手动输入到应用中的密钥',
  'twoFactor.confirm': '开启两步验证',
  'twoFactor.confirmHint': '输入应用现在显示的六位数验证码。',
  'twoFactor.enabledTitle': '两步验证已开启',
  'twoFactor.recoveryIntro': '手机丢失时可用这些恢复码登录，每个只能用一次。请抄下或打印并妥善保存：它们只显示这一次。',
  'twoFactor.recoveryLeft': '剩余恢复码：{count} 个。',
  'twoFactor.continue': '继续',
  'twoFactor.on': '两步验证已开启：登录时需要输入身份验证器应用中的验证码。',
  'twoFactor.off': '两步验证未开启。',
  'twoFactor.setUp': '设置两步验证',
  'twoFactor.disableTitle': '关闭两步验证',
  'twoFactor.disableHint': '您的角色要求开启：关闭后，使用工作人员页面前会要求您重新设置。',
  'twoFactor.disable': '关闭',
  'twoFactor.disabled': '两步验证已关闭。',
  'twoFactor.manage': '两步验证',
};
