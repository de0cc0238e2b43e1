import { Marked, type Token } from 'marked';
import sanitizeHtml from 'sanitize-html';

/** Bump IMPORT_FORMAT_VERSION (hashing/content-hash.ts) when the HTML produced here changes. */
const ARTICLE_LINK = /^article:(\d+)$/;

/** `article:22` → 22; null for anything else. content:check accepts only 1..50, the reader resolves the same set. */
export function articleOfLink(href: string): number | null {
  const match = ARTICLE_LINK.exec(href.trim());
  return match ? Number(match[1]) : null;
}

/** Every link target in a Markdown text exactly as the reader sees it (inline, reference-style and autolinks). */
export function linkTargets(source: string): string[] {
  const hrefs: string[] = [];
  void lexer.walkTokens(lexer.lexer(source), (token: Token) => {
    if (token.type === 'link') hrefs.push(token.href);
  });
  return hrefs;
}

/** Where a lesson's `[第二十二条](article:22)` link goes. */
export const articleHref = (n: number | string): string => `/regulation#article-${n}`;

const markdown = new Marked({
  gfm: true,
  async: false,
  walkTokens(token: Token) {
    if (token.type !== 'link') return;
    const article = articleOfLink(token.href);
    if (article !== null) token.href = articleHref(article);
  },
});
const lexer = new Marked({ gfm: true, async: false });

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
