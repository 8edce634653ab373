/**
 * Widths of text as the canvas sets it, estimated without a DOM (the derivation and the layout run where
 * there is none: in tests, in the layout's worker). Generous on purpose: a card or a label sized from these
 * is a little wider than its text in the system sans-serif fonts, never narrower. The browser tests measure
 * the real text (e2e/support/legibility.ts) and fail when a name is cut off or broken mid-word.
 */

/**
 * Advance widths in em of the system sans-serif fonts at weight 500–600, rounded up. Calibrated on DejaVu
 * Sans, the widest common one (Debian's default; at 15 px medium: a–z 0.56 em on average, A–Z 0.67 em,
 * digits 0.64 em), with a few percent to spare.
 */
function charEm(c: string): number {
  if (c === ' ') return 0.28;
  if ('iljI|!.,:;\''.includes(c)) return 0.3;
  if ('ftr()[]{}/-"`'.includes(c)) return 0.4;
  if ('mwMW@%'.includes(c)) return 0.9;
  if (c >= 'A' && c <= 'Z') return 0.72;
  if (c >= '0' && c <= '9') return 0.66;
  if (c === '_' || c === '*' || c === '?' || c === '#') return 0.62;
  return 0.61;
}

/** The estimated width of `text` set at `px` pixels, in pixels. */
export function textWidth(text: string, px: number): number {
  let em = 0;
  for (const c of text) em += charEm(c);
  return em * px * 1.05;
}

/** The words of a name, as a browser may break it: at spaces, and after a hyphen or slash. */
export function words(text: string): string[] {
  return text.split(/\s+|(?<=[-/])/).filter((w) => w.length > 0);
}

/**
 * How many lines `text` takes at `px` pixels in a box `width` wide, breaking only between words, and
 * whether every word fits on a line of its own.
 */
export function lines(text: string, px: number, width: number): { lines: number; wordsFit: boolean } {
  let count = 1;
  let line = 0;
  let wordsFit = true;
  const space = textWidth(' ', px);
  for (const w of words(text)) {
    const ww = textWidth(w, px);
    if (ww > width) wordsFit = false;
    if (line > 0 && line + space + ww > width) {
      count += 1;
      line = ww;
    } else line += (line > 0 ? space : 0) + ww;
  }
  return { lines: count, wordsFit };
}
