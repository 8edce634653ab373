/**
 * Small inline icons (24×24, currentColor) for entity types and decisions. Decorative: every use sits
 * beside a text label, so they are aria-hidden.
 */
const PATHS: Record<string, string> = {
  account: 'M3 6h18v13H3zM3 6l3-3h12l3 3M8 10h8',
  user: 'M12 12a4 4 0 1 0 0-8 4 4 0 0 0 0 8zM4 21c0-4 4-6 8-6s8 2 8 6',
  role: 'M12 3l8 3v6c0 5-3.5 8-8 9-4.5-1-8-4-8-9V6zM9 12l2 2 4-4',
  root: 'M12 2l2.5 5 5.5.8-4 3.9.9 5.5L12 14.6 7.1 17.2l.9-5.5-4-3.9 5.5-.8z',
  service: 'M12 8a4 4 0 1 0 0 8 4 4 0 0 0 0-8zM12 2v3M12 19v3M2 12h3M19 12h3M5 5l2 2M17 17l2 2M5 19l2-2M17 7l2-2',
  bucket: 'M4 6c0-1.7 3.6-3 8-3s8 1.3 8 3-3.6 3-8 3-8-1.3-8-3zM4 6l2 14c.2 1 2.8 2 6 2s5.8-1 6-2l2-14',
  topic: 'M4 10v4h3l5 4V6L7 10zM16 9a4 4 0 0 1 0 6M18.5 6.5a8 8 0 0 1 0 11',
  queue: 'M3 7h18v10H3zM7 7v10M11 7v10M15 7v10',
  lambda: 'M5 20l6-12-2-4H6M11 8l7 12h2',
  api: 'M4 6h16v12H4zM8 10l-2 2 2 2M16 10l2 2-2 2M13 9l-2 6',
  bus: 'M3 12h18M6 8l-3 4 3 4M18 8l3 4-3 4M12 5v14',
  table: 'M3 5h18v14H3zM3 10h18M3 15h18M9 5v14',
  key: 'M14 4a6 6 0 1 1-4.2 10.2L3 21v-3h3v-3h3l.8-.8A6 6 0 0 1 14 4zM16 8h.01',
  stream: 'M3 8c3-3 6 3 9 0s6-3 9 0M3 13c3-3 6 3 9 0s6-3 9 0M3 18c3-3 6 3 9 0s6-3 9 0',
  workflow: 'M4 4h6v6H4zM14 14h6v6h-6zM7 10v4a3 3 0 0 0 3 3h4',
  container: 'M12 3l8 4.5v9L12 21l-8-4.5v-9zM12 12l8-4.5M12 12v9M12 12L4 7.5',
  command: 'M4 5h16v14H4zM7 10l3 2-3 2M12 15h5',
  rule: 'M4 4h16l-6 8v6l-4 2v-8z',
  allowed: 'M5 12l5 5 9-10',
  denied: 'M6 6l12 12M18 6L6 18',
  implicit: 'M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18zM8 12h8',
  mixed: 'M12 3a9 9 0 1 0 0 18zM12 3a9 9 0 0 1 0 18',
  swap: 'M4 8h13l-3-3M20 16H7l3 3',
  compare: 'M3 4h7v16H3zM14 4h7v16h-7zM5.5 9h2M16.5 9h2M16.5 13h2',
  copy: 'M8 8h12v12H8zM4 16V4h12',
  trash: 'M4 7h16M9 7V4h6v3M6 7l1 13h10l1-13',
  undo: 'M9 14L4 9l5-5M4 9h11a5 5 0 0 1 0 10h-3',
  redo: 'M15 14l5-5-5-5M20 9H9a5 5 0 0 0 0 10h3',
  layout: 'M3 3h7v7H3zM14 3h7v4h-7zM14 11h7v10h-7zM3 14h7v7H3z',
  fit: 'M4 9V4h5M20 9V4h-5M4 15v5h5M20 15v5h-5',
  pending: 'M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18zM8 12h.01M12 12h.01M16 12h.01',
  org: 'M3 3h18v18H3zM7 7h4v4H7zM13 13h4v4h-4z',
  plus: 'M12 5v14M5 12h14',
  chevronLeft: 'M15 6l-6 6 6 6',
  chevronRight: 'M9 6l6 6-6 6',
  book: 'M4 4h7a3 3 0 0 1 3 3v13a2 2 0 0 0-2-2H4zM20 4h-6a3 3 0 0 0-3 3',
  folder: 'M3 6a1 1 0 0 1 1-1h5l2 2h9a1 1 0 0 1 1 1v10a1 1 0 0 1-1 1H4a1 1 0 0 1-1-1z',
  file: 'M6 3h8l4 4v14H6zM14 3v4h4',
  share: 'M4 12v7h16v-7M12 3v12M7 8l5-5 5 5',
  minimap: 'M3 5h18v14H3zM13 11h6v6h-6z',
  info: 'M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18zM12 11v5M12 8h.01',
  review: 'M12 3l8 3v6c0 5-3.5 8-8 9-4.5-1-8-4-8-9V6zM10 10a2 2 0 1 0 0 4 2 2 0 0 0 0-4zM11.5 13.5L14 16',
  matrix: 'M3 3h18v18H3zM3 9h18M3 15h18M9 3v18M15 3v18',
  download: 'M12 3v12M7 10l5 5 5-5M4 19h16',
  target: 'M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18zM12 8a4 4 0 1 0 0 8 4 4 0 0 0 0-8zM12 11.5h.01',
};

export type IconName = keyof typeof PATHS;

/** An icon's SVG path (24×24, drawn as a 1.8 stroke), for pictures made outside React (an exported legend). */
export function iconPath(name: IconName): string {
  return PATHS[name] ?? '';
}

export function Icon({ name, className = 'h-4 w-4' }: { readonly name: IconName; readonly className?: string }) {
  return (
    <svg viewBox="0 0 24 24" className={className} fill="none" stroke="currentColor" strokeWidth={1.8} strokeLinecap="round" strokeLinejoin="round" aria-hidden="true" focusable="false">
      <path d={PATHS[name]} />
    </svg>
  );
}
