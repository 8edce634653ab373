import { posix } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Plugin } from 'vite';

/**
 * The initial JavaScript: the entry chunk and every chunk it imports statically, transitively — what the
 * browser must fetch and run before the first picture (Vite lists the same chunks as `modulepreload` links
 * in index.html). Chunks loaded by `import()` are not in it. Sizes are gzip at zlib's default level, as a
 * server compressing on the fly would send them.
 *
 * The budget is checked on every production build (`initialJsBudget` in vite.config.ts: the build fails past
 * it, so `npm test`'s browser tests, which build first, fail too) and printed by `npm run bench:ui`.
 */
export const INITIAL_JS_BUDGET_BYTES = 200 * 1024;

/** A chunk of the build: its code and the chunks it imports statically (file names as in the build). */
export interface ChunkInfo {
  readonly code: string | Uint8Array;
  readonly imports: readonly string[];
}

export interface InitialJs {
  /** Gzip bytes of the initial chunks together. */
  readonly gzip: number;
  /** Each initial chunk, entry first, then in the order they were reached. */
  readonly files: readonly { readonly file: string; readonly gzip: number; readonly bytes: number }[];
}

/** Gzip bytes of a file at zlib's default level. */
export function gzipBytes(code: string | Uint8Array): number {
  return gzipSync(typeof code === 'string' ? Buffer.from(code) : code).length;
}

/** The chunks the entries import statically, transitively, the entries first; a missing chunk is an error. */
export function initialChunks(entries: readonly string[], chunks: ReadonlyMap<string, ChunkInfo>): string[] {
  const seen = new Set<string>();
  const queue = [...entries];
  while (queue.length > 0) {
    const file = queue.shift() as string;
    if (seen.has(file)) continue;
    const chunk = chunks.get(file);
    if (!chunk) throw new Error(`The build has no chunk ${file}, which ${[...seen].at(-1) ?? 'the page'} imports`);
    seen.add(file);
    queue.push(...chunk.imports);
  }
  return [...seen];
}

/** The initial JavaScript of a build: see the module comment. */
export function measureInitialJs(entries: readonly string[], chunks: ReadonlyMap<string, ChunkInfo>): InitialJs {
  const files = initialChunks(entries, chunks).map((file) => {
    const code = (chunks.get(file) as ChunkInfo).code;
    return { file, gzip: gzipBytes(code), bytes: typeof code === 'string' ? Buffer.byteLength(code) : code.length };
  });
  return { gzip: files.reduce((n, f) => n + f.gzip, 0), files };
}

/**
 * The static imports of a built ES module (`import{a as b}from"./x.js"`, `import"./x.js"`, `export … from`),
 * as paths relative to the build's root like `fileName`; `import("./x.js")` is not one. For reading a build
 * from disk (the benchmark), where no chunk graph is at hand.
 */
export function staticImportsOf(code: string, fileName: string): string[] {
  const dir = posix.dirname(fileName);
  const out = new Set<string>();
  // A static import or re-export ends with `from"spec"` or is a bare `import"spec"`; a dynamic one is
  // `import(` and never matches.
  for (const m of code.matchAll(/(?:\bfrom|\bimport)\s*["']([^"']+\.js)["']/g)) {
    const spec = m[1] as string;
    if (spec.startsWith('.')) out.add(posix.normalize(posix.join(dir, spec)));
  }
  return [...out];
}

/** "183.9 KB" */
export const kib = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;

/**
 * Vite plugin: after a production build, prints the initial JavaScript and fails the build when it is past
 * `budget` (a size is deterministic, so it is asserted). Load a new panel or dialog with `React.lazy` where
 * it is opened (src/ui/LoadWhen.tsx) to stay within it (README, "Initial JavaScript").
 */
export function initialJsBudget(budget: number = INITIAL_JS_BUDGET_BYTES): Plugin {
  return {
    name: 'crossaccount:initial-js-budget',
    apply: 'build',
    writeBundle(_options, bundle) {
      const chunks = new Map<string, ChunkInfo>();
      const entries: string[] = [];
      for (const out of Object.values(bundle)) {
        if (out.type !== 'chunk') continue;
        chunks.set(out.fileName, { code: out.code, imports: out.imports });
        if (out.isEntry) entries.push(out.fileName);
      }
      if (entries.length === 0) return;
      const measured = measureInitialJs(entries, chunks);
      const line = `Initial JavaScript: ${kib(measured.gzip)} gzip of ${kib(budget)} (${measured.files.map((f) => `${f.file} ${kib(f.gzip)}`).join(', ')})`;
      if (measured.gzip > budget) {
        this.error(`${line}. Over the budget by ${kib(measured.gzip - budget)}: load what the first picture does not need with import() (README, "Initial JavaScript").`);
      }
      this.info(line);
    },
  };
}
