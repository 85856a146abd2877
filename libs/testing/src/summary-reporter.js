// Ends every run with one machine-readable line: "jest: N passed, M failed" (", K skipped" only when K > 0).
// A test file that fails before running any test (e.g. it does not compile) counts as one failure, so a broken
// file never hides behind "0 failed".
class SummaryReporter {
  onRunComplete(_contexts, results) {
    const failed = results.numFailedTests + results.numRuntimeErrorTestSuites;
    const skipped = results.numPendingTests + results.numTodoTests;
    const line = `jest: ${results.numPassedTests} passed, ${failed} failed${skipped > 0 ? `, ${skipped} skipped` : ''}`;
    process.stdout.write(`\n${line}\n`);
  }
}

module.exports = SummaryReporter;
