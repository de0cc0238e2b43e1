import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { ContentCitation } from '../content/entities/citation.entity';
import { Course } from '../content/entities/course.entity';
import { Lesson } from '../content/entities/lesson.entity';
import { QuestionVersion } from '../content/entities/question-version.entity';
import { Question } from '../content/entities/question.entity';
import { RegulationArticle } from '../content/entities/regulation-article.entity';
import { ARTICLE_COUNT, CHAPTERS } from '../content/dimensions';
import { normaliseForSearch, snippetAround } from '../common/search/normalised-search';
import { compileRegulationQuery, normalisedCached, regulationMatches } from './regulation-search';
import { parseChineseNumber, toChineseNumber } from '../common/text/chinese-numerals';
import { RegulationTextService } from './regulation-text.service';
import type {
  ArticleDetail,
  ArticleListItem,
  ArticleSummary,
  CitingLesson,
  CitingQuestion,
} from './regulation.types';
import { RegulationErrors } from './regulation.errors';

const chapterOf = (n: number): number =>
  Number(Object.entries(CHAPTERS).find(([, c]) => n >= c.first && n <= c.last)?.[0] ?? 0);
export const articleLabel = (n: number): string => `第${toChineseNumber(n)}条`;

/**
 * The 50 articles with our summaries, the official text (when configured) and what cites each
 * article. Citations only exist for current (not retired) lessons and questions.
 */
@Injectable()
export class RegulationService {
  constructor(
    @InjectRepository(RegulationArticle) private readonly articles: Repository<RegulationArticle>,
    @InjectRepository(ContentCitation) private readonly citations: Repository<ContentCitation>,
    private readonly text: RegulationTextService,
  ) {}

  /**
   * All 50 articles in order; with `q`, those whose title, summary or full text match it
   * (regulation-search.ts: words separated by spaces all match, punctuation and spaces ignored,
   * Chinese and Arabic numerals alike, officers' terms read as the text's words). A query that
   * names an article number (「20」, 「二十」, 「第二十条」) puts that article first and is otherwise
   * matched as one phrase, as before.
   */
  async list(q?: string): Promise<ArticleListItem[]> {
    const [rows, counts] = await Promise.all([
      this.articles.find({ order: { number: 'ASC' } }),
      this.citationCounts(),
    ]);
    const byNumber = new Map(rows.map((r) => [r.number, r]));
    const term = normaliseQuery(q);
    const wanted = articleNumberOf(term);
    const query = compileQuery(term);
    const items: ArticleListItem[] = [];
    for (let n = 1; n <= ARTICLE_COUNT; n++) {
      const item = {
        ...this.summary(n, byNumber.get(n), counts),
        paragraphs: this.text.article(n)?.paragraphs ?? null,
        snippet: null,
      };
      if (!query) items.push(item);
      else if (n === wanted) items.unshift(item);
      else {
        const fullText = this.text.searchText(n);
        const hays = [item.title, item.summary].map((s) => (s ? normalisedCached(s).text : ''));
        if (regulationMatches([...hays, fullText?.text ?? ''], query)) {
          const plain = this.text.plainText(n);
          items.push({ ...item, snippet: snippetAround(plain, query.needles, 40, fullText) });
        }
      }
    }
    return items;
  }

  /** The strings the pages mark in a result for `q` (its words, phrase and terms' text words). */
  highlightNeedles(q?: string): string[] {
    return compileQuery(normaliseQuery(q))?.needles ?? [];
  }

  async detail(n: number): Promise<ArticleDetail> {
    if (!Number.isInteger(n) || n < 1 || n > ARTICLE_COUNT) {
      throw RegulationErrors.articleNumberNotFound(n);
    }
    const [row, counts, lessons, questions] = await Promise.all([
      this.articles.findOneBy({ number: n }),
      this.citationCounts(n),
      this.citingLessons(n),
      this.citingQuestions(n),
    ]);
    const chapter = chapterOf(n);
    return {
      ...this.summary(n, row ?? undefined, counts),
      chapterTitle: CHAPTERS[chapter].title,
      paragraphs: this.text.article(n)?.paragraphs ?? null,
      lessons,
      questions,
    };
  }

  private summary(
    n: number,
    row: RegulationArticle | undefined,
    counts: Map<string, number>,
  ): ArticleSummary {
    return {
      number: n,
      chapter: row?.chapter ?? chapterOf(n),
      label: articleLabel(n),
      title: row?.title ?? null,
      summary: row?.summary ?? null,
      lessonCount: counts.get(`lesson:${n}`) ?? 0,
      questionCount: counts.get(`question:${n}`) ?? 0,
    };
  }

  /** `lesson:22` → 4: one grouped query over the citation index. */
  private async citationCounts(article?: number): Promise<Map<string, number>> {
    const qb = this.citations
      .createQueryBuilder('c')
      .select('c.kind', 'kind')
      .addSelect('c.articleNo', 'articleNo')
      .addSelect('COUNT(*)', 'n')
      .groupBy('c.kind')
      .addGroupBy('c.articleNo');
    if (article !== undefined) qb.where('c.articleNo = :article', { article });
    const rows = await qb.getRawMany<{ kind: string; articleNo: number | string; n: number | string }>();
    return new Map(rows.map((r) => [`${r.kind}:${Number(r.articleNo)}`, Number(r.n)]));
  }

  /** Live items of `kind` (joined as `alias`) that cite article `n`, with their course, in course order. */
  private citing(
    kind: 'lesson' | 'question',
    n: number,
    item: typeof Lesson | typeof Question,
    alias: string,
  ) {
    return this.citations
      .createQueryBuilder('c')
      .innerJoin(item, alias, `${alias}.id = c.itemId AND ${alias}.retiredAt IS NULL`)
      .innerJoin(Course, 'co', `co.id = ${alias}.courseId`)
      .select(`${alias}.id`, 'id')
      .addSelect('co.id', 'courseId')
      .addSelect('co.title', 'courseTitle')
      .where('c.kind = :kind AND c.articleNo = :n', { kind, n })
      .orderBy('co.sortOrder');
  }

  private citingLessons(n: number): Promise<CitingLesson[]> {
    return this.citing('lesson', n, Lesson, 'l')
      .addSelect('l.title', 'title')
      .addOrderBy('l.sortOrder')
      .getRawMany<CitingLesson>();
  }

  private citingQuestions(n: number): Promise<CitingQuestion[]> {
    return this.citing('question', n, Question, 'q')
      .innerJoin(QuestionVersion, 'v', 'v.id = q.currentVersionId')
      .addSelect('v.stem', 'stem')
      .addSelect('q.type', 'type')
      .addOrderBy('q.id')
      .getRawMany<CitingQuestion>();
  }
}

/** An article number (「第 20 条」) is one phrase; anything else is words (regulation-search.ts). */
const compileQuery = (term: string) =>
  compileRegulationQuery(articleNumberOf(term) === null ? term : term.replace(/\s+/g, ''));

/** The query as typed, trimmed to 100 characters with runs of spaces folded; '' when it is not text. */
export function normaliseQuery(q: unknown): string {
  return typeof q === 'string' ? q.replace(/\s+/g, ' ').trim().slice(0, 100) : '';
}

/** 「20」, 「二十」, 「第二十条」, 「第 20 条」 → 20; null when the query is not an article number. */
export function articleNumberOf(query: string): number | null {
  const m = /^第?([0-9]{1,3}|[〇零一二两三四五六七八九十百]+)条?$/.exec(normaliseForSearch(query).text);
  if (!m) return null;
  const n = /^[0-9]+$/.test(m[1]) ? Number(m[1]) : parseChineseNumber(m[1]);
  return n !== null && n >= 1 && n <= ARTICLE_COUNT ? n : null;
}
