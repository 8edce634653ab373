import { describe, expect, it } from 'vitest';
import { gzipBytes, initialChunks, INITIAL_JS_BUDGET_BYTES, measureInitialJs, staticImportsOf, type ChunkInfo } from './initialJs';

const graph = (entries: Record<string, { code: string; imports?: string[] }>): Map<string, ChunkInfo> =>
  new Map(Object.entries(entries).map(([file, c]) => [file, { code: c.code, imports: c.imports ?? [] }]));

describe('initial JavaScript', () => {
  it('Given an entry that imports a chunk which imports another, when measured, then all three count, each once, the entry first', () => {
    const chunks = graph({
      'assets/index.js': { code: 'a'.repeat(100), imports: ['assets/react.js', 'assets/model.js'] },
      'assets/react.js': { code: 'b'.repeat(50), imports: ['assets/runtime.js'] },
      'assets/model.js': { code: 'c', imports: ['assets/runtime.js'] },
      'assets/runtime.js': { code: 'd' },
      'assets/dialog.js': { code: 'e'.repeat(1000), imports: ['assets/react.js'] },
    });
    expect(initialChunks(['assets/index.js'], chunks)).toEqual(['assets/index.js', 'assets/react.js', 'assets/model.js', 'assets/runtime.js']);
    const measured = measureInitialJs(['assets/index.js'], chunks);
    expect(measured.gzip).toBe(gzipBytes('a'.repeat(100)) + gzipBytes('b'.repeat(50)) + gzipBytes('c') + gzipBytes('d'));
  });

  it('Given a chunk the entry loads only by import(), when measured, then it is not initial', () => {
    const code = 'const d=()=>import("./dialog.js");import{a}from"./react.js";export*from"./model.js";import"./style.js";';
    expect(staticImportsOf(code, 'assets/index.js').sort()).toEqual(['assets/model.js', 'assets/react.js', 'assets/style.js']);
  });

  it('Given an import of a chunk the build does not have, when measured, then it says which', () => {
    expect(() => initialChunks(['assets/index.js'], graph({ 'assets/index.js': { code: '', imports: ['assets/gone.js'] } }))).toThrow(/no chunk assets\/gone\.js/);
  });

  it('Given the budget, then it is 200 KB of gzip', () => {
    expect(INITIAL_JS_BUDGET_BYTES).toBe(204_800);
  });
});
