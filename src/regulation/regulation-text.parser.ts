import { parseChineseNumber } from '../common/text/chinese-numerals';

export interface RegulationTextArticle {
  number: number;
  chapter: number;
  /** The article's paragraphs; the first without its leading 「第X条」. */
  paragraphs: string[];
}

export interface RegulationText {
  chapters: Map<number, string>;
  articles: Map<number, RegulationTextArticle>;
}

export const CHAPTER_HEADING = /^#{1,6}\s*第([〇零一二两三四五六七八九十百]+)章\s*(.*)$/;
export const ARTICLE_START = /^第([〇零一二两三四五六七八九十百]+)条[\s\u3000]*(.*)$/;

/**
 * Parses the official text in the `## 第X章 …` / `第X条 …` Markdown format. An article runs until
 * the next article or heading; a line only starts an article when it carries the next number, so a
 * paragraph that happens to begin with 「第X条」 stays in its article.
 */
export function parseRegulationText(markdown: string): RegulationText {
  const chapters = new Map<number, string>();
  const articles = new Map<number, RegulationTextArticle>();
  let chapter = 0;
  let current: RegulationTextArticle | null = null;
  for (const rawLine of markdown.replace(/\r\n?/g, '\n').split('\n')) {
    const line = rawLine.trim();
    if (!line || line.startsWith('<!--')) continue;
    const heading = CHAPTER_HEADING.exec(line);
    if (heading) {
      chapter = parseChineseNumber(heading[1]) ?? chapter;
      chapters.set(chapter, line.replace(/^#+\s*/, ''));
      current = null;
      continue;
    }
    if (line.startsWith('#') || chapter === 0) continue;
    const start = ARTICLE_START.exec(line);
    const number = start ? parseChineseNumber(start[1]) : null;
    if (start && number !== null && number === lastNumber(articles) + 1) {
      current = { number, chapter, paragraphs: start[2] ? [start[2].trim()] : [] };
      articles.set(number, current);
    } else if (current) {
      current.paragraphs.push(line);
    }
  }
  return { chapters, articles };
}

const lastNumber = (articles: Map<number, RegulationTextArticle>): number =>
  articles.size === 0 ? 0 : Math.max(...articles.keys());
