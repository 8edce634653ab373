const GLYPHS = {
  back: 'M18 6v12L9 12zM6 6v12',
  forward: 'M6 6v12l9-6zM18 6v12',
  play: 'M7 5v14l12-7z',
  pause: 'M8 5v14M16 5v14',
  replay: 'M4 12a8 8 0 1 0 2.5-5.8M4 4v4h4',
} as const;

/** Transport glyphs (decorative: every button carries an aria-label). */
export function Glyph({ name }: { name: keyof typeof GLYPHS }) {
  return (
    <svg viewBox="0 0 24 24" className="h-4 w-4" fill={name === 'play' ? 'currentColor' : 'none'} stroke="currentColor" strokeWidth={2} strokeLinecap="round" strokeLinejoin="round" aria-hidden="true" focusable="false">
      <path d={GLYPHS[name]} />
    </svg>
  );
}

/** The journey cards' frame, shared by the Play strip and the journey panel. */
export const CARD = 'nokey nopan nowheel nodrag rounded-xl border border-slate-300 bg-white/95 p-3 text-slate-900 shadow-lg dark:border-slate-700 dark:bg-slate-900/95 dark:text-slate-100';

