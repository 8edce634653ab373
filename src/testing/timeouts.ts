/**
 * Timeouts for the unit tests that do real work: thousands of generated requests, a second evaluator,
 * hundreds of random edits or typos, decompression bombs, an ELK layout, a worker-backed store. Vitest's
 * default (5 s) is sized for tests that take milliseconds; these take 0.1–3 s on an idle 2-core machine
 * and ran 5–10 times slower while other jobs shared it, which once failed `npm test` before the browser
 * tests started. Each heavy test names its budget explicitly, at least 30 times its idle time, so a
 * loaded machine never decides a result, while a test that really hangs still fails within minutes.
 * Measure idle times with `npx vitest run --reporter=verbose` (durations beside each test).
 */

/** Tests of 0.05–1 s idle (random typos, thousands of requests, bombs, layouts, the worker-backed store). */
export const HEAVY_TEST_MS = 60_000;

/**
 * Tests of 1–5 s idle: the differential runs against iam-simulate (6,000 requests of the base mix, 6,000 of
 * the rule families, each through both evaluators) and the fast-verdict check over all 12,000.
 */
export const DIFFERENTIAL_TEST_MS = 240_000;
