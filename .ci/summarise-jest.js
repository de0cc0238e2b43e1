// Sums the Jest JSON reports written during the CI run into one closing line: "N passed, N failed".
const fs = require('node:fs');
const path = require('node:path');

const root = process.argv[2] ?? 'tmp/ci';
let passed = 0;
let failed = 0;
let skipped = 0;
const walk = (dir) => {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full);
    else if (entry.name.endsWith('.json')) {
      const report = JSON.parse(fs.readFileSync(full, 'utf8'));
      passed += report.numPassedTests;
      failed += report.numFailedTests;
      skipped += report.numPendingTests;
      console.log(`${full}: ${report.numPassedTests} passed, ${report.numFailedTests} failed`);
    }
  }
};
walk(root);
console.log(`ci: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
