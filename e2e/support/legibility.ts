/// <reference lib="dom" />
// The measure runs in the browser (page.evaluate), so this file is checked with DOM types too.
import type { Locator } from '@playwright/test';

/**
 * Legibility of a picture, read from the rendered DOM: what a person in front of a projector would call
 * "on top of each other", "cut off" or "too small to read". One call measures one React Flow canvas (the
 * editor's, or one pane of the compare view) as it is drawn now, and returns every problem with its kind
 * and the elements involved, so a failing test says exactly what overlaps what.
 *
 * Kinds:
 * - `card-card`: two cards overlap (principal, resource, rule, bus or account; a container holding a card
 *   whole is nesting, not overlap).
 * - `label-card`: an edge label covers a card, an account's header or an organization's header.
 * - `label-label`: two edge labels overlap.
 * - `journey-overlap`: a journey badge or gate covers a card, a header, an edge label or another badge or
 *   gate.
 * - `journey-covered`: the part being played — the token's badges, the gate checked at this step — is
 *   under a panel floating over the canvas (the lesson panel, the legend, the zoom controls, the minimap),
 *   cut by the canvas's edge or outside it (the camera must show it).
 * - `text-clipped`: text cut off or spilling out of its card or label (an ellipsis is fine only when the
 *   full text is the element's or its card's title or accessible name).
 * - `word-broken`: a word broken across lines (a break after a hyphen, slash, dot or colon is fine).
 * - `edge-through-card`: an edge's line passes through a card that is not one of its ends (sampled along
 *   the SVG path with `getPointAtLength`).
 * - `tiny-text`: text drawn smaller than 9 px on screen (font size × every scale above it, the zoom
 *   included). Text that is not drawn (hidden at far zoom) is not counted.
 */

export type ProblemKind =
  | 'card-card'
  | 'label-card'
  | 'label-label'
  | 'journey-overlap'
  | 'journey-covered'
  | 'text-clipped'
  | 'word-broken'
  | 'edge-through-card'
  | 'tiny-text';

export const PROBLEM_KINDS: readonly ProblemKind[] = ['card-card', 'label-card', 'label-label', 'journey-overlap', 'journey-covered', 'text-clipped', 'word-broken', 'edge-through-card', 'tiny-text'];

export interface Problem {
  readonly kind: ProblemKind;
  /** The elements involved, by what a person reads on them ("card alice", "label e1", "gate 0.resource"). */
  readonly what: readonly string[];
  /** A few words more: the size of the text, the overlap in pixels, the word. */
  readonly detail?: string;
}

export interface Legibility {
  readonly problems: readonly Problem[];
  /** The zoom of the canvas measured. */
  readonly zoom: number;
}

/** Options of one measurement. */
export interface MeasureOptions {
  /** Smallest text size on screen, in CSS pixels. */
  readonly minTextPx?: number;
  /** Overlaps smaller than this many pixels each way are not counted (borders that touch). */
  readonly tolerancePx?: number;
}

/**
 * Measures the canvas under `root` (an element containing exactly one `.react-flow`, or the canvas
 * itself). Self-contained: it runs in the page, so it uses nothing from outside its own body.
 */
export function measureInPage(root: Element, options: MeasureOptions = {}): Legibility {
  const minTextPx = options.minTextPx ?? 9;
  const tol = options.tolerancePx ?? 2;
  const flow = root.matches('.react-flow') ? root : root.querySelector('.react-flow');
  const problems: Problem[] = [];
  if (!flow) return { problems, zoom: 0 };
  const viewport = flow.querySelector<HTMLElement>('.react-flow__viewport');
  const zoom = viewport ? new DOMMatrixReadOnly(getComputedStyle(viewport).transform).a : 1;
  type R = { left: number; top: number; right: number; bottom: number };
  const rect = (el: Element): R => {
    const r = el.getBoundingClientRect();
    return { left: r.left, top: r.top, right: r.right, bottom: r.bottom };
  };
  const inter = (a: R, b: R): { w: number; h: number } => ({ w: Math.min(a.right, b.right) - Math.max(a.left, b.left), h: Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) });
  const overlap = (a: R, b: R): boolean => {
    const i = inter(a, b);
    return i.w > tol && i.h > tol;
  };
  const contains = (outer: R, inner: R): boolean => inner.left >= outer.left - 1 && inner.right <= outer.right + 1 && inner.top >= outer.top - 1 && inner.bottom <= outer.bottom + 1;
  const drawn = (el: Element): boolean => {
    const r = el.getBoundingClientRect();
    if (r.width < 2 || r.height < 2) return false;
    return el.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true });
  };

  // Cards: every node but organization frames, named by their id.
  interface Card {
    id: string;
    kind: string;
    el: HTMLElement;
    r: R;
    container: boolean;
  }
  const cards: Card[] = [...flow.querySelectorAll<HTMLElement>('.react-flow__node')]
    .filter((el) => !el.classList.contains('react-flow__node-organization') && drawn(el))
    .map((el) => {
      const kind = [...el.classList].find((c) => c.startsWith('react-flow__node-') && c !== 'react-flow__node')?.slice('react-flow__node-'.length) ?? 'node';
      return { id: el.getAttribute('data-id') ?? '?', kind, el, r: rect(el), container: kind === 'account' || kind === 'bus' };
    });
  const cardName = (c: Card): string => `${c.kind} ${c.id}`;
  // Headers of accounts and organizations: what a label or a badge must not cover on a container.
  const headers = [
    ...[...flow.querySelectorAll<HTMLElement>('.react-flow__node-account .account-drag-handle')].map((el) => ({ name: `header of account ${el.closest('.react-flow__node')?.getAttribute('data-id') ?? '?'}`, el })),
    ...[...flow.querySelectorAll<HTMLElement>('.react-flow__node-organization .org-frame-header')].map((el) => ({ name: `header of organization ${el.closest('.react-flow__node')?.getAttribute('data-id') ?? '?'}`, el })),
  ]
    .filter((h) => drawn(h.el))
    .map((h) => {
      // The header's content, not the empty stretch of a full-width bar: its children's union.
      const kids = [...h.el.children].filter(drawn).map(rect);
      const r = kids.length > 0 ? { left: Math.min(...kids.map((k) => k.left)), top: rect(h.el).top, right: Math.max(...kids.map((k) => k.right)), bottom: rect(h.el).bottom } : rect(h.el);
      return { name: h.name, r };
    });
  const obstaclesForLabels = [...cards.filter((c) => !c.container).map((c) => ({ name: cardName(c), r: c.r })), ...headers, ...cards.filter((c) => c.kind === 'bus').map((c) => ({ name: `header of bus ${c.id}`, r: { ...c.r, bottom: Math.min(c.r.bottom, c.r.top + 62 * zoom) } }))];

  // Card ∩ card: not a container holding the other whole.
  for (let i = 0; i < cards.length; i++) {
    for (let j = i + 1; j < cards.length; j++) {
      const a = cards[i] as Card;
      const b = cards[j] as Card;
      if (!overlap(a.r, b.r)) continue;
      if ((a.container && contains(a.r, b.r)) || (b.container && contains(b.r, a.r))) continue;
      const o = inter(a.r, b.r);
      problems.push({ kind: 'card-card', what: [cardName(a), cardName(b)], detail: `${Math.round(o.w)}×${Math.round(o.h)} px` });
    }
  }

  // Edge labels.
  const labels = [...flow.querySelectorAll<HTMLElement>('.edge-label')].filter(drawn).map((el) => ({ name: `label ${(el.getAttribute('data-testid') ?? '').replace(/^edge-label\./, '')}`, el, r: rect(el) }));
  for (const l of labels) {
    for (const o of obstaclesForLabels) if (overlap(l.r, o.r)) problems.push({ kind: 'label-card', what: [l.name, o.name], detail: `${Math.round(inter(l.r, o.r).w)}×${Math.round(inter(l.r, o.r).h)} px` });
  }
  labels.forEach((a, i) =>
    labels.slice(i + 1).forEach((b) => {
      if (overlap(a.r, b.r)) problems.push({ kind: 'label-label', what: [a.name, b.name], detail: `${Math.round(inter(a.r, b.r).w)}×${Math.round(inter(a.r, b.r).h)} px` });
    }),
  );

  // Journey marks: badges (with the swap tag) and gate labels of the overlay on this canvas.
  const marks = [...flow.querySelectorAll<HTMLElement>('[data-gate-label], [data-measure]')].filter(drawn).map((el) => ({
    name: el.hasAttribute('data-gate-label') ? `gate ${el.getAttribute('data-gate-label') ?? '?'}` : `badge ${(el.getAttribute('data-measure') ?? '').replace(/^badge:/, '')}`,
    el,
    r: rect(el),
  }));
  for (const m of marks) {
    for (const o of [...obstaclesForLabels, ...labels]) if (overlap(m.r, o.r)) problems.push({ kind: 'journey-overlap', what: [m.name, o.name] });
  }
  marks.forEach((a, i) =>
    marks.slice(i + 1).forEach((b) => {
      if (overlap(a.r, b.r)) problems.push({ kind: 'journey-overlap', what: [a.name, b.name] });
    }),
  );
  // Panels floating over this canvas (the app marks its own with data-fit-obstacle; React Flow's controls
  // and minimap), and anything in the canvas's box that is not part of it (a docked panel drawn on top).
  const canvasBox = rect(flow);
  // (A canvas in a dialog, the compare view's, is covered only by what is in that dialog.)
  const dialog = flow.closest('[role="dialog"]');
  const panels = [...[...document.querySelectorAll<HTMLElement>('[data-fit-obstacle]')].filter((el) => !dialog || dialog.contains(el)), ...flow.querySelectorAll<HTMLElement>('.react-flow__controls, .react-flow__minimap')]
    .filter((el) => drawn(el) && overlap(rect(el), canvasBox))
    .map((el) => ({ name: el.getAttribute('aria-label') ?? el.getAttribute('data-testid') ?? el.className.toString().split(' ')[0] ?? 'panel', r: rect(el) }));
  // The part being played — the token's badges and the gate checked at this step (or stopped at) — must be
  // in full view: not under a panel, not cut by the canvas's edge or outside it. (Other gates are like
  // cards: the user pans to them, and the camera comes to each when it is checked.)
  for (const m of marks) {
    if (!m.el.hasAttribute('data-measure') && !m.el.hasAttribute('data-in-play')) continue;
    for (const p of panels) if (overlap(m.r, p.r)) problems.push({ kind: 'journey-covered', what: [m.name, `panel ${p.name}`] });
    const i = inter(m.r, canvasBox);
    if (i.w < m.r.right - m.r.left - tol || i.h < m.r.bottom - m.r.top - tol) problems.push({ kind: 'journey-covered', what: [m.name, 'the canvas edge'], detail: i.w <= 0 || i.h <= 0 ? 'outside the canvas' : 'partly outside the canvas' });
  }

  // Text: every text node drawn in a card, a header, a label or a journey mark.
  const textRoots: { name: string; el: HTMLElement; box: R }[] = [
    ...cards.map((c) => ({ name: cardName(c), el: c.el, box: c.r })),
    ...labels.map((l) => ({ name: l.name, el: l.el, box: l.r })),
    ...marks.map((m) => ({ name: m.name, el: m.el, box: m.r })),
  ];
  const seen = new Set<Element>();
  const fullNameOf = (el: Element, stop: Element): string => {
    let text = '';
    for (let e: Element | null = el; e; e = e === stop ? null : e.parentElement) text += ` ${e.getAttribute('title') ?? ''} ${e.getAttribute('aria-label') ?? ''}`;
    return text;
  };
  for (const { name, el: host, box } of textRoots) {
    const walker = document.createTreeWalker(host, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent ?? '';
      const parent = node.parentElement;
      if (!parent || !text.trim() || seen.has(parent)) continue;
      // A text node belongs to the innermost root only (a label's text is not the card's).
      if (textRoots.some((t) => t.el !== host && host.contains(t.el) && t.el.contains(parent))) continue;
      if (!drawn(parent)) continue;
      seen.add(parent);
      const style = getComputedStyle(parent);
      const pr = parent.getBoundingClientRect();
      // Screen size of the text: its font size times every scale above it (zoom, label scale, badge scale).
      const scale = parent.offsetWidth > 0 ? pr.width / parent.offsetWidth : zoom;
      const px = parseFloat(style.fontSize) * scale;
      const inCanvas = inter(rect(parent), canvasBox);
      if (px < minTextPx - 0.05 && inCanvas.w > 0 && inCanvas.h > 0) problems.push({ kind: 'tiny-text', what: [name], detail: `"${text.trim().slice(0, 40)}" at ${px.toFixed(1)} px` });

      // Clipped: the element cuts its text (overflow hidden, ellipsis or line clamp) or its text spills out
      // of the card or label it belongs to.
      const range = document.createRange();
      range.selectNodeContents(node);
      const rects = [...range.getClientRects()].filter((r) => r.width > 0);
      let clipper: HTMLElement | null = null;
      for (let e: HTMLElement | null = parent; e && e !== host.parentElement; e = e.parentElement) {
        const s = getComputedStyle(e);
        if ((s.overflowX !== 'visible' || s.overflowY !== 'visible') && (e.scrollWidth > e.clientWidth + 1 || e.scrollHeight > e.clientHeight + 1)) {
          clipper = e;
          break;
        }
        if (e === host) break;
      }
      // What is drawn of the text: its own boxes, or where an element clips it, that element's box.
      const shown = clipper ? [clipper.getBoundingClientRect()] : rects;
      const spills = shown.some((r) => r.left < box.left - tol || r.right > box.right + tol || r.top < box.top - tol || r.bottom > box.bottom + tol);
      if (clipper || spills) {
        const s = clipper ? getComputedStyle(clipper) : style;
        const ellipsis = s.textOverflow === 'ellipsis' || (s.webkitLineClamp !== 'none' && s.webkitLineClamp !== '');
        const full = fullNameOf(parent, host.closest('.react-flow__node') ?? host);
        const named = ellipsis && full.includes(text.trim());
        if (spills || !named) problems.push({ kind: 'text-clipped', what: [name], detail: `"${text.trim().slice(0, 40)}"${spills ? ' spills out' : ' cut off'}` });
      }

      // Words broken across lines: a word whose characters sit on more than one line.
      if (rects.length > 1) {
        const re = /[^\s\-/.:]+[-/.:]?/g;
        for (let m = re.exec(text); m; m = re.exec(text)) {
          const piece = m[0].replace(/[-/.:]$/, '');
          if (piece.length < 2) continue;
          const r2 = document.createRange();
          r2.setStart(node, m.index);
          r2.setEnd(node, m.index + piece.length);
          const tops = new Set([...r2.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
          if (tops.size > 1) problems.push({ kind: 'word-broken', what: [name], detail: `"${piece}"` });
        }
      }
    }
  }

  // Edges through cards: sample each drawn edge line and look for a point inside a card that is not one of
  // its ends (nor a container of one: a rule's bus, an end's account).
  const solid = cards.filter((c) => !c.container || c.kind === 'bus');
  for (const g of flow.querySelectorAll<SVGGElement>('.react-flow__edge')) {
    const path = g.querySelector<SVGPathElement>('path.react-flow__edge-path');
    if (!path || !drawn(g)) continue;
    const ends = [g.getAttribute('data-source'), g.getAttribute('data-target')];
    const endCards = cards.filter((c) => ends.includes(c.id));
    const skip = new Set(ends);
    for (const c of cards) if (c.container && endCards.some((e) => contains(c.r, e.r))) skip.add(c.id);
    const ctm = path.getScreenCTM();
    if (!ctm) continue;
    const length = path.getTotalLength();
    const hit = new Set<string>();
    const steps = Math.max(8, Math.ceil((length * zoom) / 6));
    for (let k = 1; k < steps; k++) {
      const p = path.getPointAtLength((length * k) / steps);
      const x = ctm.a * p.x + ctm.c * p.y + ctm.e;
      const y = ctm.b * p.x + ctm.d * p.y + ctm.f;
      for (const c of solid) {
        if (skip.has(c.id) || hit.has(c.id)) continue;
        if (x > c.r.left + tol && x < c.r.right - tol && y > c.r.top + tol && y < c.r.bottom - tol) hit.add(c.id);
      }
    }
    for (const id of hit) {
      const c = cards.find((x) => x.id === id);
      problems.push({ kind: 'edge-through-card', what: [`edge ${g.getAttribute('data-id') ?? '?'}`, c ? cardName(c) : id] });
    }
  }
  return { problems, zoom };
}

/**
 * Waits until the canvas has stopped moving and drawing (the viewport's transform and the overlay's
 * placement unchanged over a few frames), then measures it.
 */
export async function measure(locator: Locator, options: MeasureOptions = {}): Promise<Legibility> {
  await locator.evaluate(async (root) => {
    const flow = root.matches('.react-flow') ? root : root.querySelector('.react-flow');
    const read = () => `${flow?.querySelector('.react-flow__viewport')?.getAttribute('style') ?? ''}|${[...(flow?.querySelectorAll('[data-gate-label], [data-measure], .edge-label') ?? [])].map((e) => (e as HTMLElement).style.transform + (e as HTMLElement).style.translate).join(';')}`;
    const frame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));
    let last = read();
    let still = 0;
    const started = performance.now();
    // Still for 4 frames and 120 ms, or give up waiting after 5 s (the measure then reports what it sees).
    let stillSince = performance.now();
    while (performance.now() - started < 5000) {
      await frame();
      const now = read();
      if (now === last) still += 1;
      else {
        still = 0;
        stillSince = performance.now();
        last = now;
      }
      if (still >= 4 && performance.now() - stillSince >= 120) break;
    }
  });
  return locator.evaluate(measureInPage, options);
}

/** Counts problems by kind, for reports. */
export function countByKind(problems: readonly Problem[]): Record<ProblemKind, number> {
  const out = Object.fromEntries(PROBLEM_KINDS.map((k) => [k, 0])) as Record<ProblemKind, number>;
  for (const p of problems) out[p.kind] += 1;
  return out;
}

/** One line per problem: "label-card: label e1 × card alice (20×12 px)". */
export function describe(problems: readonly Problem[]): string[] {
  return problems.map((p) => `${p.kind}: ${p.what.join(' × ')}${p.detail ? ` (${p.detail})` : ''}`);
}
