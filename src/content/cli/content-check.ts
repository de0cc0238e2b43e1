/**
 * `npm run content:check [dir]`: validates content/ and prints every problem as
 * `path:line  CODE  message`. Exit code 1 when there is any problem, 0 otherwise.
 */
import { loadContent } from '../loader/load-content';
import { contentDirFromArgs, displayPath } from './cli-args';

function main(): number {
  const dir = contentDirFromArgs();
  const { tree, problems } = loadContent(dir);
  for (const p of problems) console.log(`${displayPath(dir, p.file)}:${p.line}  ${p.code}  ${p.message}`);
  const lessons = tree.courses.reduce((n, c) => n + c.lessons.length, 0);
  const questions = tree.courses.reduce((n, c) => n + c.questions.length, 0);
  const quizzes = tree.courses.filter((c) => c.quiz).length;
  const scope = `${tree.courses.length} courses (${quizzes} with a final quiz), ${tree.exams.length} exams, ${lessons} lessons, ${questions} questions, ${tree.articles.length} articles in ${dir}`;
  if (problems.length === 0) {
    console.log(`content:check OK: ${scope}; no problems.`);
    return 0;
  }
  const files = new Set(problems.map((p) => p.file)).size;
  console.log(`\ncontent:check FAILED: ${problems.length} problem(s) in ${files} file(s) (${scope}).`);
  return 1;
}

process.exitCode = main();
