import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/**
 * Test support: runs TypeScript in a child process (tsx) and returns what it prints. For the regression
 * tests of inputs that used to freeze the page: code that never returns cannot be interrupted inside the test
 * process, so it runs here with a deadline far beyond what the fixed code needs (milliseconds); without the
 * fix, the child is stopped at the deadline and the test fails instead of hanging the suite.
 *
 * `modules` maps the names to import to the module that exports them (a path from the repository root).
 */
export function printedInChild(modules: Readonly<Record<string, string>>, code: string, deadlineMs = 60_000): string {
  const root = fileURLToPath(new URL('../../', import.meta.url));
  const imports = Object.entries(modules)
    .map(([names, path]) => `import { ${names} } from ${JSON.stringify(root + path)};`)
    .join('\n');
  return execFileSync(`${root}node_modules/.bin/tsx`, ['-e', `${imports}\n${code}`], { timeout: deadlineMs, encoding: 'utf8' }).trim();
}
