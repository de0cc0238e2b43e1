/**
 * `npm run content:check [dir] [--regulation-text FILE]`: validates content/ and prints every
 * problem as `path:line  CODE  message`, then (when valid) the bank-quality limits of
 * src/content/quality. With the full 条例 text (the option, or REGULATION_TEXT_PATH), every 「…」
 * quote is also checked verbatim against it.
 * Exit code 1 when there is any problem, 0 otherwise.
 */
import { loadContent } from '../loader/load-content';
import { sortProblems, type Problem } from '../model/problem';
import { qualityProblems } from '../quality/bank-quality';
import { regulationQuoteProblems } from '../validation/regulation-quotes';
import { contentDirFromArgs, displayPath, optionValue } from './cli-args';

function main(): number {
  const dir = contentDirFromArgs();
  const regulationText = optionValue('--regulation-text') ?? process.env.REGULATION_TEXT_PATH;
  const { raw, tree, problems: contentProblems } = loadContent(dir);
  // the cue limits judge only content that is otherwise valid (the importer does not apply them)
  const problems: Problem[] = contentProblems.length > 0 ? [...contentProblems] : sortProblems(qualityProblems(tree));
  let quoteNote = '「」 quotes not checked (no --regulation-text or REGULATION_TEXT_PATH)';
  if (regulationText) {
    const quotes = regulationQuoteProblems(raw, regulationText);
    problems.push(...quotes.problems);
    quoteNote = `${quotes.checked} 「」 quotes checked against ${regulationText}`;
  }
  for (const p of problems) console.log(`${displayPath(dir, p.file)}:${p.line}  ${p.code}  ${p.message}`);
  const lessons = tree.courses.reduce((n, c) => n + c.lessons.length, 0);
  const questions = tree.courses.reduce((n, c) => n + c.questions.length, 0);
  const quizzes = tree.courses.filter((c) => c.quiz).length;
  const scope = `${tree.courses.length} courses (${quizzes} with a final quiz), ${tree.exams.length} exams, ${lessons} lessons, ${questions} questions, ${tree.articles.length} articles in ${dir}; ${quoteNote}`;
  if (problems.length === 0) {
    console.log(`content:check OK: ${scope}; no problems.`);
    return 0;
  }
  const files = new Set(problems.map((p) => p.file)).size;
  console.log(`\ncontent:check FAILED: ${problems.length} problem(s) in ${files} file(s) (${scope}).`);
  return 1;
}

process.exitCode = main();
