/**
 * `npm run content:stats [dir]`: coverage counts of the question bank. Exit code 1 when the bank
 * misses a coverage threshold. Also prints the bank-quality figures (cues) that content:check enforces.
 */
import { loadContent } from '../loader/load-content';
import { computeStats, thresholdFailures } from '../stats/content-stats';
import { formatStats } from '../stats/format-stats';
import { measureCourses } from '../quality/bank-quality';
import { formatQuality } from '../quality/format-quality';
import { contentDirFromArgs } from './cli-args';

function main(): number {
  const dir = contentDirFromArgs();
  const { tree, problems } = loadContent(dir);
  if (problems.length > 0)
    {console.log(
      `Note: ${problems.length} validation problem(s); run content:check. Counting what could be read.\n`,
    );}
  const stats = computeStats(tree);
  formatStats(stats).forEach((line) => console.log(line));
  const { courses, overall } = measureCourses(tree);
  formatQuality(courses, overall).forEach((line) => console.log(line));
  const failures = thresholdFailures(stats);
  if (failures.length === 0) {
    console.log('\ncontent:stats OK: all coverage thresholds met.');
    return 0;
  }
  console.log('\ncontent:stats FAILED:');
  failures.forEach((f) => console.log(`  - ${f}`));
  return 1;
}

process.exitCode = main();
