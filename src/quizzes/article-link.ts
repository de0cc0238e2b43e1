import { toChineseNumber } from '../common/text/chinese-numerals';

/** A link to an article's page (第二十二条 → /regulation/articles/22), as practice and reviews show it. */
export interface ArticleLink {
  number: number;
  label: string;
  href: string;
}

export const articleLink = (n: number): ArticleLink => ({
  number: n,
  label: `第${toChineseNumber(n)}条`,
  href: `/regulation/articles/${n}`,
});
