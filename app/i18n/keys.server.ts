// Whether a string is a message key, for loaders that show a key passed in a link (kept out of pages' JavaScript:
// it needs messages.ts, every language).
import { messages, type MessageKey } from './messages';

export const isMessageKey = (key: string): key is MessageKey => key in messages.en;
