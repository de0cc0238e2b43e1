// Jest reporter: when JEST_JSON_DIR is set (CI), writes the run's totals so .ci/run can print one
// closing "N passed, N failed" line over all suites (SQLite, PostgreSQL, browser).
const fs = require('node:fs');
const path = require('node:path');

class JsonSummaryReporter {
  constructor(_globalConfig, options) {
    this.name = (options && options.name) || 'jest';
  }
  onRunComplete(_contexts, results) {
    const dir = process.env.JEST_JSON_DIR;
    if (!dir) return;
    fs.mkdirSync(dir, { recursive: true });
    const { numPassedTests, numFailedTests, numPendingTests, numTotalTests } = results;
    fs.writeFileSync(
      path.join(dir, `${this.name}.json`),
      JSON.stringify({ numPassedTests, numFailedTests, numPendingTests, numTotalTests }),
    );
  }
}
module.exports = JsonSummaryReporter;
