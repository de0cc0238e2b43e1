import { Marked, type Token } from 'marked';
import sanitizeHtml from 'sanitize-html';

/** Bump IMPORT_FORMAT_VERSION (hashing/content-hash.ts) when the HTML produced here changes. */
const ARTICLE_LINK = /^article:(\d{1,2})$/;

/** Where a lesson's `[第二十二条](article:22)` link goes. */
export const articleHref = (n: number | string): string => `/regulation#article-${n}`;

const markdown = new Marked({
  gfm: true,
  async: false,
  walkTokens(token: Token) {
    if (token.type !== 'link') return;
    const match = ARTICLE_LINK.exec(token.href.trim());
    if (match) token.href = articleHref(Number(match[1]));
  },
});

const SANITIZE: sanitizeHtml.IOptions = {
  allowedTags: [
    ...['h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'p', 'br', 'hr', 'blockquote', 'pre', 'code', 'span'],
    ...['strong', 'em', 'del', 's', 'a', 'ul', 'ol', 'li', 'table', 'thead', 'tbody', 'tr', 'th', 'td'],
  ],
  allowedAttributes: { a: ['href', 'title', 'class'], th: ['align'], td: ['align'], ol: ['start'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  transformTags: {
    a: (tagName, attribs) =>
      attribs.href?.startsWith('/regulation#article-')
        ? { tagName, attribs: { ...attribs, class: 'article-link' } }
        : { tagName, attribs },
  },
};

/** Lesson Markdown to safe HTML: raw HTML and script links are stripped, article links resolved. */
export function renderMarkdown(source: string): string {
  const html = markdown.parse(source, { async: false }) as string;
  return sanitizeHtml(html, SANITIZE);
}
