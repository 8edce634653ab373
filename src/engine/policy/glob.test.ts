import { describe, expect, it } from 'vitest';
import { printedInChild } from '../../testing/childProcess';
import { Glob, ONE, ONE_IN_SEGMENT, STAR, STAR_IN_SEGMENT, type GlobToken } from './glob';

/** What `code` prints, run with the wildcard matchers in a child process with a deadline (see printedInChild). */
const answerOf = (code: string): string => printedInChild({ 'compileArnPattern, compileResourcePattern, compileWildcard': 'src/engine/policy/wildcard.ts' }, code);

/** The definition, as a (backtracking) regular expression: fine for the short inputs of these tests. */
function reference(tokens: readonly GlobToken[], value: string): boolean {
  const source = tokens
    .map((t) => (t === STAR ? '.*' : t === STAR_IN_SEGMENT ? '[^:]*' : t === ONE ? '.' : t === ONE_IN_SEGMENT ? '[^:]' : String.fromCharCode(t).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${source}$`, 's').test(value);
}

function random(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
}

const ALPHABET: readonly GlobToken[] = [97, 98, 58, ONE, ONE_IN_SEGMENT, STAR, STAR_IN_SEGMENT];

describe('the linear glob matcher', () => {
  it('Given thousands of random patterns of characters, ?, * and their colon-bound forms, then it agrees with the regular-expression definition', () => {
    const rnd = random(11);
    for (let i = 0; i < 20_000; i++) {
      const tokens = Array.from({ length: Math.floor(rnd() * 9) }, () => ALPHABET[Math.floor(rnd() * ALPHABET.length)] as GlobToken);
      const value = Array.from({ length: Math.floor(rnd() * 12) }, () => 'ab:'[Math.floor(rnd() * 3)]).join('');
      expect(new Glob(tokens).test(value), `${JSON.stringify(tokens)} vs ${value}`).toBe(reference(tokens, value));
    }
  });

  it('Given pieces longer than one machine word (more than 32 positions between two *), then it still agrees with the definition', () => {
    const rnd = random(23);
    for (let i = 0; i < 2_000; i++) {
      const value = Array.from({ length: 30 + Math.floor(rnd() * 60) }, () => 'ab:'[Math.floor(rnd() * 3)]).join('');
      // Patterns cut from the value (so many match), with some positions turned into wildcards.
      const from = Math.floor(rnd() * 10);
      const tokens: GlobToken[] = [...value.slice(from, from + 34 + Math.floor(rnd() * 40))].map((ch) => {
        const r = rnd();
        return r < 0.1 ? ONE : r < 0.15 ? ONE_IN_SEGMENT : r < 0.18 ? STAR_IN_SEGMENT : ch.charCodeAt(0);
      });
      if (rnd() < 0.7) tokens.unshift(STAR);
      if (rnd() < 0.7) tokens.push(STAR);
      expect(new Glob(tokens).test(value), `${JSON.stringify(tokens)} vs ${value}`).toBe(reference(tokens, value));
    }
  });

  it('Given a range of a longer string, then only that range is matched', () => {
    const glob = new Glob([STAR, 98, STAR]);
    expect(glob.test('aab:b', 0, 2)).toBe(false);
    expect(glob.test('aab:b', 1, 3)).toBe(true);
    expect(new Glob([97, ONE]).test('xaby', 1, 3)).toBe(true);
  });

  // The freeze: the regular expression for `*a*a*aZ` backtracked for seconds, and with one more `*`
  // for ever, on a long path of a's (the evaluation worker never answered). Run in a child process with a
  // deadline: without the fix, the child is stopped there and the test fails.
  it('Given Resource arn:aws:s3:::bucket-b/*a*a*aZ and a 3,000-character object path, when matched, then the answer is no', { timeout: 90_000 }, () => {
    expect(
      answerOf(`
        const path = 'arn:aws:s3:::bucket-b/' + 'a'.repeat(3000);
        console.log(compileResourcePattern('arn:aws:s3:::bucket-b/*a*a*aZ')(path), compileArnPattern('arn:aws:s3:::bucket-b/*a*a*a*aZ')(path));
        console.log(compileWildcard('*a*a*a*a*a*a*a*aZ')('a'.repeat(3000)), compileWildcard('S3:*A*A*A*A*A*A?Z', true)('s3:' + 'a'.repeat(3000)));`),
    ).toBe('false false\nfalse false');
  });

  it('Given colon-bound wildcards in a Resource and ? in ArnLike, when matched against long values, then the answer comes back', { timeout: 90_000 }, () => {
    expect(
      answerOf(`
        const long = 'a'.repeat(20000);
        console.log(compileResourcePattern('arn:aws:s*a*a*a*a*:*a?a?a?a?Z')('arn:aws:s' + long + ':x:y:' + long));
        console.log(compileArnPattern('arn:aws:s3:::*a?a?a?a?a*a?a?a?a?Z')('arn:aws:s3:::' + long));
        console.log(compileWildcard('*' + 'a?'.repeat(100) + 'Z*')(long));`),
    ).toBe('false\nfalse\nfalse');
  });
});
