import type { RawContent, RawItem } from '../model/content-model';
import type { Problem } from '../model/problem';

/**
 * 「」 marks words quoted verbatim from the 条例 (“” is for everything else; docs/content.md). A
 * quote is verbatim when, with all whitespace removed, it occurs in the full text with whitespace
 * removed; a quote that leaves words out with 「……」 is split there and every part must occur.
 */
const QUOTE = /「([^「」]*)」/g;
const squeeze = (s: string) => s.replace(/\s+/g, '');

export function checkRegulationQuotes(raw: RawContent, regulationMarkdown: string): Problem[] {
  const fullText = squeeze(regulationMarkdown);
  const problems: Problem[] = [];
  const check = (file: string, line: number, text: unknown) => {
    if (typeof text !== 'string') return;
    for (const m of text.matchAll(QUOTE)) {
      const missing = m[1]
        .split('……')
        .map(squeeze)
        .filter((part) => part !== '' && !fullText.includes(part));
      if (missing.length === 0) continue;
      const at = line + (text.slice(0, m.index).match(/\n/g)?.length ?? 0);
      const which = m[1].includes('……') ? `（找不到的部分：${missing.map((p) => `“${p}”`).join('、')}）` : '';
      problems.push({
        file,
        line: at,
        code: 'QUOTE_NOT_VERBATIM',
        message: `「${m[1]}」不是条例原文${which}：「」只用于逐字引用条例的原话，请改成原文，或把转述、其他引语改用“”`,
      });
    }
  };
  for (const course of raw.courses) {
    for (const lesson of course.lessons) check(lesson.file, lesson.bodyLine, lesson.body);
    for (const q of course.questions) checkQuestion(q, check);
  }
  return problems;
}

function checkQuestion(q: RawItem, check: (file: string, line: number, text: unknown) => void): void {
  check(q.file, q.lines.stem ?? q.line, q.data.stem);
  check(q.file, q.lines.explanation ?? q.line, q.data.explanation);
  const options = q.data.options;
  if (options && typeof options === 'object' && !Array.isArray(options)) {
    for (const [letter, text] of Object.entries(options as Record<string, unknown>)) {
      check(q.file, q.lines[`options.${letter}`] ?? q.lines.options ?? q.line, text);
    }
  }
}
