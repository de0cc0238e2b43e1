/**
 * `npm run regulation:check -- FILE`: checks a full 条例 text the way the admin upload does
 * (the 2022 title, chapter headings and effective date; exactly 50 articles numbered 1..50). Prints every problem with its line; exit code 1
 * when there is any.
 */
import { readFileSync } from 'node:fs';
import { checkRegulationText } from '../regulation-text.check';
import { identityCheckName } from '../regulation-text.identity';

function main(argv = process.argv.slice(2)): number {
  const file = argv.find((a) => !a.startsWith('-')) ?? process.env.REGULATION_TEXT_PATH;
  if (!file) {
    console.error('usage: npm run regulation:check -- FILE   (or set REGULATION_TEXT_PATH)');
    return 2;
  }
  let markdown: string;
  try {
    markdown = readFileSync(file, 'utf8');
  } catch (error) {
    console.error(
      `regulation:check: cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`,
    );
    return 1;
  }
  const { text, problems } = checkRegulationText(markdown);
  for (const p of problems) console.log(`${file}:${p.line ?? 1}  ${p.message}`);
  if (problems.length > 0) {
    const failed = [...new Set(problems.flatMap((p) => (p.check ? [identityCheckName(p.check)] : [])))];
    if (failed.length > 0) console.log(`\n不是2022年《信访工作条例》：${failed.join('、')}不符。`);
    console.log(`\nregulation:check FAILED: ${problems.length} problem(s) in ${file}.`);
    return 1;
  }
  console.log(
    `regulation:check OK: ${file} has ${text.articles.size} articles in ${text.chapters.size} chapters.`,
  );
  return 0;
}

process.exitCode = main();
