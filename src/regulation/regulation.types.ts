import type { QuestionType } from '../content/entities/question.entity';

export interface ArticleSummary {
  number: number;
  chapter: number;
  /** 「第二十二条」 */
  label: string;
  /** Our short title and summary (content/regulation/articles.yaml); null before the first import. */
  title: string | null;
  summary: string | null;
  lessonCount: number;
  questionCount: number;
}

export interface ArticleListItem extends ArticleSummary {
  /** The official text's paragraphs, when REGULATION_TEXT_PATH is configured. */
  paragraphs: string[] | null;
  /** A short piece of the text around the search term, when the term matched the full text. */
  snippet: string | null;
}

export interface CitingLesson {
  id: string;
  title: string;
  courseId: string;
  courseTitle: string;
}

/** A question that cites the article: stem only, never options' correctness or answers. */
export interface CitingQuestion {
  id: string;
  stem: string;
  type: QuestionType;
  courseId: string;
  courseTitle: string;
}

export interface ArticleDetail extends ArticleSummary {
  chapterTitle: string;
  paragraphs: string[] | null;
  lessons: CitingLesson[];
  questions: CitingQuestion[];
}
