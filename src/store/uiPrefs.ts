import { create } from 'zustand';

/**
 * Interface preferences kept across visits in local storage (not part of the scenario, not undoable): for
 * now whether the palette and the inspector follow the window width or stay as the user set them
 * (src/panels/panelLayout.ts). Unreadable or foreign stored values fall back to the defaults; storage that
 * is full or blocked only means the choice lasts until the page is closed.
 */

export type PanelChoice = 'auto' | 'open' | 'closed';

export interface UiPrefs {
  readonly palette: PanelChoice;
  readonly inspector: PanelChoice;
}

export const UI_PREFS_KEY = 'crossaccount:ui';

const DEFAULTS: UiPrefs = { palette: 'auto', inspector: 'auto' };
const CHOICES: readonly PanelChoice[] = ['auto', 'open', 'closed'];

/** The stored preferences, field by field: anything unexpected is the default. */
export function readUiPrefs(raw: string | null): UiPrefs {
  let json: unknown;
  try {
    json = raw === null ? undefined : JSON.parse(raw);
  } catch {
    json = undefined;
  }
  const o = typeof json === 'object' && json !== null ? (json as Record<string, unknown>) : {};
  const pick = (v: unknown, d: PanelChoice): PanelChoice => (CHOICES.includes(v as PanelChoice) ? (v as PanelChoice) : d);
  return { palette: pick(o['palette'], DEFAULTS.palette), inspector: pick(o['inspector'], DEFAULTS.inspector) };
}

function load(): UiPrefs {
  try {
    return readUiPrefs(localStorage.getItem(UI_PREFS_KEY));
  } catch {
    return DEFAULTS;
  }
}

interface UiPrefsState extends UiPrefs {
  set(change: Partial<UiPrefs>): void;
}

export const useUiPrefs = create<UiPrefsState>()((set) => ({
  ...load(),
  set(change) {
    set(change);
    try {
      // Merged into what is stored, not this tab's copy: a choice made in another tab is kept.
      const stored = readUiPrefs(localStorage.getItem(UI_PREFS_KEY));
      localStorage.setItem(UI_PREFS_KEY, JSON.stringify({ palette: stored.palette, inspector: stored.inspector, ...change }));
    } catch {
      // Full or blocked storage: the choice holds for this visit.
    }
  },
}));
