import type { ContentType } from '../config.ts';
import { CHAT_TEXT } from './chat.ts';
import { CODE_TEXT } from './code.ts';
import type { ProductText } from './family.ts';
import { SUPPORT_TEXT } from './support.ts';
import { WRITING_TEXT } from './writing.ts';

/** The texts of each product type. */
export const PRODUCT_TEXTS: Record<ContentType, ProductText> = {
  chat: CHAT_TEXT,
  code: CODE_TEXT,
  writing: WRITING_TEXT,
  support: SUPPORT_TEXT,
};
