// Jest's --json report is JSON.stringify of every result, including each failure's raw error object: one circular
// error (a socket inside an HTTP client error, say) makes it throw, and no report is written. This keeps a
// failure's message and stack only. Used by scripts/test.sh (--testResultsProcessor).
const plain = (error) =>
  error && typeof error === 'object'
    ? { message: String(error.message ?? ''), stack: String(error.stack ?? '') }
    : error;

module.exports = (results) => {
  for (const file of results.testResults) {
    if (file.testExecError) file.testExecError = plain(file.testExecError);
    for (const test of file.testResults) test.failureDetails = (test.failureDetails ?? []).map(plain);
  }
  return results;
};
