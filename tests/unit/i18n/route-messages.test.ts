// Pages load only the messages of the capabilities their routes declare (app/i18n/route-messages.ts): every key a
// route's page code names must be of a capability it declares, or the page would show the key instead of words.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { capabilities, messageChunks } from '../../../app/i18n/capabilities';
import { capabilityOfKey, messageTables } from '../../../app/i18n/keys.server';
import { messages } from '../../../app/i18n/messages';
import { hasMessage, pageTranslator, registerCapabilities, registerMessages } from '../../../app/i18n/page-messages';
import { capabilitiesOf } from '../../../app/i18n/route-messages';
import { capabilitiesDeclaredBy, capabilitiesNamedIn, capabilitiesUsedBy } from '../../helpers/message-usage';

const routes = join(__dirname, '../../../app/routes');
const pages = readdirSync(routes).filter((f) => f.endsWith('.tsx'));

describe('route messages', () => {
  it('has one capability for every messages file, loadable in both languages', () => {
    const files = readdirSync(join(__dirname, '../../../app/i18n/messages'))
      .filter((f) => !f.endsWith('.zh.ts'))
      .map((f) => f.replace(/\.ts$/, ''))
      .sort();
    expect([...capabilities].sort()).toEqual(files);
    expect(Object.keys(messageChunks.en).sort()).toEqual(files);
    expect(Object.keys(messageChunks['zh-CN']).sort()).toEqual(files);
    // The tables by capability hold exactly the messages of the server's merged tables.
    expect(Object.keys(capabilityOfKey).sort()).toEqual(Object.keys(messages.en).sort());
    for (const c of capabilities) expect(Object.keys(messageTables['zh-CN'][c]).sort(), c).toEqual(Object.keys(messageTables.en[c]).sort());
  });

  it('loads a capability’s chunk as its own messages in its language', async () => {
    expect(await messageChunks['zh-CN'].needs()).toBe(messageTables['zh-CN'].needs);
    expect(await messageChunks.en.needs()).toBe(messageTables.en.needs);
  });

  it('has the root (every page’s header, notices, error pages) use core messages only', () => {
    const used = capabilitiesUsedBy(join(__dirname, '../../../app/root.tsx'));
    expect(Object.fromEntries([...used].filter(([c]) => c !== 'core'))).toEqual({});
  });

  it.each(pages)('has %s declare every capability whose messages its page uses', (page) => {
    const declared = new Set(['core', ...(capabilitiesDeclaredBy(join(routes, page)) ?? [])]);
    const missing = [...capabilitiesUsedBy(join(routes, page))].filter(([c]) => !declared.has(c));
    // Each entry names the file and the key that needs the capability: add it to the route's pageMessages(…).
    expect(Object.fromEntries(missing)).toEqual({});
  });

  it('reads keys and key starts from source text', () => {
    const found = capabilitiesNamedIn("t('needs.list.title'); t(`shifts.status.${s}`); 'not.a.key'; `${x}.title`");
    expect(Object.fromEntries(found)).toEqual({ needs: 'needs.list.title', shifts: 'shifts.status.…' });
  });

  it('collects a page’s capabilities from its routes’ handles, core always', () => {
    expect(capabilitiesOf([{ handle: undefined }, { handle: { messages: ['needs', 'matching'] } }, { handle: { messages: ['needs'] } }])).toEqual(['core', 'matching', 'needs']);
  });

  it('translates a page with its declared capabilities only, and reports a key of another one', () => {
    registerCapabilities(capabilityOfKey);
    for (const c of ['core', 'needs', 'shifts'] as const) registerMessages('zh-CN', c, messageTables['zh-CN'][c]);
    const t = pageTranslator('zh-CN', ['core', 'needs']);
    expect(t('needs.list.title')).toBe(messageTables['zh-CN'].needs['needs.list.title']);
    expect(hasMessage('zh-CN', ['core', 'needs'], 'shifts.form.title')).toBe(false);
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      // Shown as the key on the server too, so that the browser (which has not loaded it) renders the same.
      expect(t('shifts.form.title')).toBe('shifts.form.title');
      t('shifts.form.title');
      expect(error).toHaveBeenCalledTimes(1);
      expect(String(error.mock.calls[0][0])).toContain('"shifts"');
      // Words already translated (an error list shows some) pass through unreported.
      expect(t('最多上传 4 张照片。')).toBe('最多上传 4 张照片。');
      expect(error).toHaveBeenCalledTimes(1);
    } finally {
      error.mockRestore();
    }
  });
});
