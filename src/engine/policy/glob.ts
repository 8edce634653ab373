/**
 * The glob matcher behind every IAM wildcard (actions, `Resource`, `StringLike`, `ArnLike`): literal
 * characters, `?` (one character) and `*` (any run), where a wildcard may also be barred from crossing a
 * colon (the ARN segment rules of `Resource`, see `wildcard.ts`).
 *
 * No regular expression and no backtracking: a pattern is cut at its unrestricted `*`s into pieces, and the
 * pieces are placed left to right, each at the earliest place it can end (which finds a match whenever one
 * exists: whatever follows a piece starts after a `*` that absorbs any gap). A piece of literal text is
 * found with `indexOf`; a piece with `?` or a colon-bound `*` is run as a bit-parallel automaton (Shift-And,
 * one bit per position of the piece, 32 positions per machine word). Each piece scans only the part of the
 * value between where the previous piece ended and where it ends itself, so one match costs
 * O(value length × ⌈piece length / 32⌉) at worst and O(value length) for patterns of up to 31 positions
 * between two `*`s, whatever the pattern — `*a*a*aZ` against a 3,000-character path included.
 *
 * Pure; characters are UTF-16 code units, as in the regular expressions this replaces.
 */

/** A literal character is its code unit (≥ 0); the wildcards are negative. */
export type GlobToken = number;
/** `?`: any one character. */
export const ONE = -1;
/** `?` inside an ARN segment: any one character but a colon. */
export const ONE_IN_SEGMENT = -2;
/** `*`: any run of characters, colons included. */
export const STAR = -3;
/** `*` inside an ARN segment: any run of characters without a colon. */
export const STAR_IN_SEGMENT = -4;

const COLON = 58;

/** A code unit against a one-character token. */
function accepts(token: GlobToken, c: number): boolean {
  return token === c || token === ONE || (token === ONE_IN_SEGMENT && c !== COLON);
}

/**
 * One piece between two unrestricted `*`s: its positions (characters, `?`s) in order, and which states
 * (between positions) carry a colon-bound `*` — a loop that stays in place on any character but a colon.
 * State j means "the first j positions are matched"; state m (all of them) accepts.
 */
class Piece {
  /** The piece as text when it is literal characters only. */
  readonly text: string | undefined;
  /** Positions of the piece: what it always consumes. */
  readonly length: number;
  readonly fixed: boolean;
  private readonly positions: Int32Array;
  private readonly loops: Uint8Array;
  private automaton: Automaton | undefined;

  constructor(tokens: readonly GlobToken[]) {
    const positions: number[] = [];
    const loops: number[] = [0];
    for (const t of tokens) {
      if (t === STAR_IN_SEGMENT) loops[positions.length] = 1;
      else {
        positions.push(t);
        loops.push(0);
      }
    }
    this.positions = Int32Array.from(positions);
    this.loops = Uint8Array.from(loops);
    this.length = positions.length;
    this.fixed = !loops.includes(1);
    this.text = this.fixed && positions.every((t) => t >= 0) ? codesToText(positions) : undefined;
  }

  /** A fixed piece at `at` (the caller has checked that it fits). */
  private fixedAt(v: string, at: number): boolean {
    if (this.text !== undefined) return v.startsWith(this.text, at);
    const p = this.positions;
    for (let j = 0; j < p.length; j++) if (!accepts(p[j] as number, v.charCodeAt(at + j))) return false;
    return true;
  }

  private machine(): Automaton {
    return (this.automaton ??= new Automaton(this.positions, this.loops));
  }

  /** Exactly `v[from, to)`. */
  exactly(v: string, from: number, to: number): boolean {
    if (this.fixed) return to - from === this.length && this.fixedAt(v, from);
    return to - from >= this.length && this.machine().run(v, from, to, false, false) === to;
  }

  /** The earliest end `e ≤ limit` such that the piece matches `v[from, e)`, or -1. */
  earliestEndFrom(v: string, from: number, limit: number): number {
    if (this.fixed) return from + this.length <= limit && this.fixedAt(v, from) ? from + this.length : -1;
    return this.machine().run(v, from, limit, false, true);
  }

  /** The earliest end `e ≤ limit` of an occurrence starting at `from` or later, or -1. */
  earliestEndAfter(v: string, from: number, limit: number): number {
    if (this.text !== undefined) {
      const at = v.indexOf(this.text, from);
      return at >= 0 && at + this.length <= limit ? at + this.length : -1;
    }
    return this.machine().run(v, from, limit, true, true);
  }

  /** Whether an occurrence starting at `from` or later ends exactly at `to`. */
  endsAt(v: string, from: number, to: number): boolean {
    if (this.fixed) return to - this.length >= from && this.fixedAt(v, to - this.length);
    return this.machine().run(v, from, to, true, false) === to;
  }
}

function codesToText(codes: readonly number[]): string {
  let out = '';
  // In slices: String.fromCharCode with a spread of a very long array would overflow the stack.
  for (let i = 0; i < codes.length; i += 4096) out += String.fromCharCode(...codes.slice(i, i + 4096));
  return out;
}

/**
 * The Shift-And automaton of a piece. Bit j of the state vector is state j; reading character c moves every
 * live state j whose position accepts c to j + 1, and keeps a live state j that has a loop (when c is not a
 * colon). Unanchored, state 0 is alive before every character (an occurrence may start anywhere).
 */
class Automaton {
  private readonly words: number;
  private readonly acceptWord: number;
  private readonly acceptBit: number;
  /** Per character met in the piece: the positions that accept it. */
  private readonly byChar = new Map<number, Uint32Array>();
  /** Positions that accept any other character, and a colon that the piece does not name. */
  private readonly other: Uint32Array;
  private readonly colon: Uint32Array;
  private readonly loops: Uint32Array;
  private readonly none: Uint32Array;
  private readonly a: Uint32Array;
  private readonly b: Uint32Array;

  constructor(positions: Int32Array, loops: Uint8Array) {
    const m = positions.length;
    this.words = (m + 32) >>> 5;
    this.acceptWord = m >>> 5;
    this.acceptBit = 1 << (m & 31);
    const vector = (): Uint32Array => new Uint32Array(this.words);
    const set = (bits: Uint32Array, j: number): void => {
      bits[j >>> 5] = ((bits[j >>> 5] as number) | (1 << (j & 31))) >>> 0;
    };
    this.other = vector();
    this.colon = vector();
    this.loops = vector();
    this.none = vector();
    this.a = vector();
    this.b = vector();
    for (let j = 0; j < m; j++) {
      const t = positions[j] as number;
      if (t === ONE || t === ONE_IN_SEGMENT) set(this.other, j);
      if (t === ONE) set(this.colon, j);
    }
    for (let j = 0; j < m; j++) {
      const t = positions[j] as number;
      if (t < 0 || this.byChar.has(t)) continue;
      const bits = Uint32Array.from(t === COLON ? this.colon : this.other);
      for (let k = 0; k < m; k++) if (positions[k] === t) set(bits, k);
      this.byChar.set(t, bits);
    }
    for (let j = 0; j <= m; j++) if (loops[j]) set(this.loops, j);
  }

  /**
   * Runs over `v[from, to)`. With `earliest`, returns the first end at which the piece has matched (or -1);
   * otherwise `to` when it has matched exactly there (or -1).
   */
  run(v: string, from: number, to: number, unanchored: boolean, earliest: boolean): number {
    const words = this.words;
    const aw = this.acceptWord;
    const ab = this.acceptBit;
    let d = this.a;
    let n = this.b;
    d.fill(0);
    d[0] = 1;
    if (earliest && ((d[aw] as number) & ab) !== 0) return from;
    const inject = unanchored ? 1 : 0;
    for (let i = from; i < to; i++) {
      const c = v.charCodeAt(i);
      const t = this.byChar.get(c) ?? (c === COLON ? this.colon : this.other);
      const l = c === COLON ? this.none : this.loops;
      let carry = inject;
      let alive = 0;
      for (let w = 0; w < words; w++) {
        const dw = d[w] as number;
        const x = dw & (t[w] as number);
        const next = (x << 1) | carry | (dw & (l[w] as number));
        carry = x >>> 31;
        n[w] = next;
        alive |= next;
      }
      const swap = d;
      d = n;
      n = swap;
      if (earliest && ((d[aw] as number) & ab) !== 0) return i + 1;
      if (alive === 0) return -1;
    }
    return !earliest && ((d[aw] as number) & ab) !== 0 ? to : -1;
  }
}

/** A compiled glob, matched against any range of a string. */
export class Glob {
  private readonly pieces: readonly Piece[];
  /** Characters any match consumes at least. */
  readonly minLength: number;

  constructor(tokens: readonly GlobToken[]) {
    const pieces: GlobToken[][] = [[]];
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i] as GlobToken;
      if (t !== STAR && t !== STAR_IN_SEGMENT) {
        (pieces[pieces.length - 1] as GlobToken[]).push(t);
        continue;
      }
      // A run of stars is one star: unrestricted if any of them is.
      let open = t === STAR;
      while (i + 1 < tokens.length && (tokens[i + 1] === STAR || tokens[i + 1] === STAR_IN_SEGMENT)) {
        i++;
        if (tokens[i] === STAR) open = true;
      }
      if (open) pieces.push([]);
      else (pieces[pieces.length - 1] as GlobToken[]).push(STAR_IN_SEGMENT);
    }
    this.pieces = pieces.map((p) => new Piece(p));
    this.minLength = this.pieces.reduce((n, p) => n + p.length, 0);
  }

  /** Whether the glob matches `v[from, to)` (the whole string by default). */
  test(v: string, from = 0, to = v.length): boolean {
    if (to - from < this.minLength) return false;
    const pieces = this.pieces;
    const count = pieces.length;
    const first = pieces[0] as Piece;
    if (count === 1) return first.exactly(v, from, to);
    const last = pieces[count - 1] as Piece;
    // Room the last piece needs at the end; a fixed last piece is checked first (cheap, and often decisive).
    let limit = to - last.length;
    if (last.fixed) {
      if (limit < from || !last.endsAt(v, limit, to)) return false;
    }
    let at = first.earliestEndFrom(v, from, limit);
    if (at < 0) return false;
    for (let k = 1; k < count - 1; k++) {
      at = (pieces[k] as Piece).earliestEndAfter(v, at, limit);
      if (at < 0) return false;
    }
    if (last.fixed) return at <= limit;
    limit = to;
    return last.endsAt(v, at, limit);
  }
}

/**
 * The tokens of an IAM wildcard pattern: `*` and `?` unrestricted, every other character literal —
 * including the stand-ins for a literal `*` and `?` (see `LITERAL_STAR` in `wildcard.ts`), which become the
 * characters they stand for.
 */
export function plainTokens(pattern: string): GlobToken[] {
  const out: GlobToken[] = new Array<GlobToken>(pattern.length);
  for (let i = 0; i < pattern.length; i++) out[i] = plainToken(pattern.charCodeAt(i));
  return out;
}

/** One character of a pattern as a token (see `plainTokens`). */
export function plainToken(c: number): GlobToken {
  return c === 42 ? STAR : c === 63 ? ONE : c === 0xe000 ? 42 : c === 0xe001 ? 63 : c;
}
