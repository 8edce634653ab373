/*
 * How wide the side panels are for a window width and the user's choices: the palette is a full list or an
 * icon rail, the inspector docked wide, docked narrow, or collapsed to a rail. Pure, so the breakpoints
 * are unit tested with the canvas share they leave (src/panels/panelLayout.test.ts).
 *
 * By default (`auto`) the palette becomes a rail below `PALETTE_FULL_FROM` and the inspector narrows below
 * `INSPECTOR_WIDE_FROM`: at 1024 px the canvas keeps about two thirds of the window, at 1280 px over two
 * thirds, where both panels at full width would leave it under half. A choice the user made with a
 * panel's own button (`open`, `closed`) always wins over the window width.
 */

import type { PanelChoice, UiPrefs } from '../store/uiPrefs';

/** The user's choice for each panel: follow the window width (`auto`), or keep it open or closed. */
export type PanelChoices = Pick<UiPrefs, 'palette' | 'inspector'>;

export type PaletteMode = 'full' | 'rail';
export type InspectorMode = 'wide' | 'narrow' | 'rail';

/** Where the lesson panel ends, in pixels from the window's left (`left-2` + `w-[20rem]`): what floats over the canvas keeps clear of it. */
export const LESSON_PANEL_RIGHT = 8 + 320;

/** Panel widths in CSS pixels, as the panels draw them (Tailwind `w-48`, `w-14`, `w-[22rem]`, `w-[19rem]`, `w-10`). */
export const PANEL_WIDTH = {
  palette: { full: 192, rail: 56 },
  inspector: { wide: 352, narrow: 304, rail: 40 },
} as const;

/** From this window width up the palette shows its labels by default. */
export const PALETTE_FULL_FROM = 1360;
/** From this window width up the inspector is docked at its full width. */
export const INSPECTOR_WIDE_FROM = 1280;

export interface PanelLayout {
  readonly palette: PaletteMode;
  readonly inspector: InspectorMode;
  /** What is left for the canvas, in pixels. */
  readonly canvas: number;
}

export function paletteMode(windowWidth: number, choice: PanelChoice): PaletteMode {
  if (choice === 'open') return 'full';
  if (choice === 'closed') return 'rail';
  return windowWidth >= PALETTE_FULL_FROM ? 'full' : 'rail';
}

export function inspectorMode(windowWidth: number, choice: PanelChoice): InspectorMode {
  if (choice === 'closed') return 'rail';
  return windowWidth >= INSPECTOR_WIDE_FROM ? 'wide' : 'narrow';
}

export function panelLayout(windowWidth: number, choices: PanelChoices): PanelLayout {
  const palette = paletteMode(windowWidth, choices.palette);
  const inspector = inspectorMode(windowWidth, choices.inspector);
  return { palette, inspector, canvas: windowWidth - PANEL_WIDTH.palette[palette] - PANEL_WIDTH.inspector[inspector] };
}

/**
 * The choice to remember when the user toggles a panel to `open` (true) or closed (false): `auto` when that
 * is what the window width gives anyway — so expanding a panel one had collapsed on a wide screen does not
 * pin it open on a laptop — else the explicit choice.
 */
export function choiceAfterToggle(windowWidth: number, panel: keyof PanelChoices, open: boolean): PanelChoice {
  const auto = panel === 'palette' ? paletteMode(windowWidth, 'auto') === 'full' : inspectorMode(windowWidth, 'auto') !== 'rail';
  return open === auto ? 'auto' : open ? 'open' : 'closed';
}
