// Sums jest --json result files into one line on stdout: `N passed, N failed`.
// Failed counts failed tests plus suites that could not run at all (runtime errors).
// Exits non-zero when a file is missing or unreadable, ran no tests, or has a failed suite.
// Problems are explained on stderr, so stdout stays the single summary line.
//
//   node .ci/summarize-jest.mjs .jest-results/unit.json .jest-results/e2e.json
import fs from 'node:fs'
import path from 'node:path'

const files = process.argv.slice(2)
const problems = []
let passed = 0
let failed = 0

if (files.length === 0) problems.push('no result files given')

for (const file of files) {
  let results
  try {
    results = JSON.parse(fs.readFileSync(file, 'utf8'))
  } catch (error) {
    problems.push(
      error.code === 'ENOENT'
        ? `${file}: missing (the run did not finish?)`
        : `${file}: unreadable (${error.message})`,
    )
    continue
  }
  const count = (key) => (Number.isFinite(results[key]) ? results[key] : 0)
  const filePassed = count('numPassedTests')
  const fileFailed = count('numFailedTests') + count('numRuntimeErrorTestSuites')
  passed += filePassed
  failed += fileFailed

  if (filePassed + fileFailed === 0) {
    problems.push(`${file}: ran 0 tests`)
  }
  if (count('numFailedTestSuites') > 0 || count('numRuntimeErrorTestSuites') > 0) {
    const names = (results.testResults ?? [])
      .filter((suite) => suite.status === 'failed')
      .map((suite) => `  ${path.relative(process.cwd(), suite.name)}`)
    problems.push(
      `${file}: ${count('numFailedTestSuites')} suite(s) failed, ` +
        `${count('numRuntimeErrorTestSuites')} could not run` +
        (names.length > 0 ? `\n${names.join('\n')}` : ''),
    )
  } else if (results.success === false || results.wasInterrupted) {
    problems.push(`${file}: jest reported the run as unsuccessful`)
  }
  console.error(`${file}: ${filePassed} passed, ${fileFailed} failed`)
}

for (const problem of problems) console.error(problem)
console.log(`${passed} passed, ${failed} failed`)
process.exitCode = problems.length > 0 || failed > 0 ? 1 : 0
