// A mocha reporter: the spec reporter's output, plus the counts written as JSON to
// $MESH_LAB_COUNTS so that `npm test` can add up several mocha runs into one closing line.
'use strict'
const { writeFileSync } = require('node:fs')
const Mocha = require('mocha')

const { EVENT_RUN_END, EVENT_TEST_PASS, EVENT_TEST_FAIL, EVENT_TEST_PENDING } =
  Mocha.Runner.constants

class CountReporter extends Mocha.reporters.Spec {
  constructor(runner, options) {
    super(runner, options)
    const counts = { passed: 0, failed: 0, skipped: 0 }
    runner.on(EVENT_TEST_PASS, () => counts.passed++)
    runner.on(EVENT_TEST_FAIL, () => counts.failed++)
    runner.on(EVENT_TEST_PENDING, () => counts.skipped++)
    runner.once(EVENT_RUN_END, () => {
      if (process.env.MESH_LAB_COUNTS)
        writeFileSync(process.env.MESH_LAB_COUNTS, JSON.stringify(counts))
    })
  }
}

module.exports = CountReporter
