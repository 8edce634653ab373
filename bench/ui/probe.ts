/**
 * In-page measurement helpers shared by the benchmark's two pages (ours and bare React Flow): the same
 * code decides "rendered", records frame times and waits for a recolour, so the two are measured alike.
 */

export const nextFrame = (): Promise<number> => new Promise((resolve) => requestAnimationFrame(resolve));

/** Resolves on the first frame where `done()` holds, after that frame has been painted. */
export async function untilFrame(done: () => boolean, timeoutMs = 60_000): Promise<void> {
  const start = performance.now();
  while (!done()) {
    if (performance.now() - start > timeoutMs) throw new Error('Timed out waiting for the page');
    await nextFrame();
  }
  // One more frame: what was committed has now been painted.
  await nextFrame();
}

let frames: number[] = [];
let recording = false;

/** Starts recording the time between animation frames. */
export function startFrames(): void {
  frames = [];
  recording = true;
  let last = performance.now();
  const tick = (now: number) => {
    if (!recording) return;
    frames.push(now - last);
    last = now;
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
}

export function stopFrames(): number[] {
  recording = false;
  return frames.slice(1);
}

/** The counts a page must show to count as rendered. */
export function domCounts(): { nodes: number; edges: number; pending: number } {
  return {
    nodes: document.querySelectorAll('.react-flow__node').length,
    edges: document.querySelectorAll('.react-flow__edge').length,
    pending: document.querySelectorAll('.react-flow__edge[data-decision="pending"]').length,
  };
}

export interface BenchApi {
  readonly nodes: number;
  readonly edges: number;
  /** ms from navigation start until every node and edge is in the DOM and painted. */
  readonly rendered: Promise<number>;
  /** ms from navigation start until every edge shows its decision (ours only; bare has none). */
  readonly decided: Promise<number>;
  startFrames(): void;
  stopFrames(): number[];
  /** A policy edit that recolours the edges into one resource: ms until they are repainted. */
  recolourSome(): Promise<{ ms: number; edges: number }>;
  /** A policy edit that recolours every edge (an organization-wide SCP): ms until repainted. */
  recolourAll(): Promise<{ ms: number; edges: number }>;
}

declare global {
  interface Window {
    __bench?: BenchApi;
  }
}
