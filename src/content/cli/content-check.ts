/**
 * `npm run content:check [dir]`: validates content/ and prints every problem as
 * `path:line  CODE  message`, then (when valid) the bank-quality limits of src/content/quality.
 * Exit code 1 when there is any problem, 0 otherwise.
 */
import { loadContent } from '../loader/load-content';
import { sortProblems } from '../model/problem';
import { qualityProblems } from '../quality/bank-quality';
import { contentDirFromArgs, displayPath } from './cli-args';

function main(): number {
  const dir = contentDirFromArgs();
  const loaded = loadContent(dir);
  const { tree } = loaded;
  // the cue limits judge only content that is otherwise valid (the importer does not apply them)
  const problems = loaded.problems.length > 0 ? loaded.problems : sortProblems(qualityProblems(tree));
  for (const p of problems) console.log(`${displayPath(dir, p.file)}:${p.line}  ${p.code}  ${p.message}`);
  const lessons = tree.courses.reduce((n, c) => n + c.lessons.length, 0);
  const questions = tree.courses.reduce((n, c) => n + c.questions.length, 0);
  const scope = `${tree.courses.length} courses, ${lessons} lessons, ${questions} questions, ${tree.articles.length} articles in ${dir}`;
  if (problems.length === 0) {
    console.log(`content:check OK: ${scope}; no problems.`);
    return 0;
  }
  const files = new Set(problems.map((p) => p.file)).size;
  console.log(`\ncontent:check FAILED: ${problems.length} problem(s) in ${files} file(s) (${scope}).`);
  return 1;
}

process.exitCode = main();
