import { describe, expect, it, vi } from 'vitest';
import { readUiPrefs } from './uiPrefs';

describe('readUiPrefs', () => {
  it('Given nothing stored, then both panels follow the window width', () => {
    expect(readUiPrefs(null)).toEqual({ palette: 'auto', inspector: 'auto' });
  });

  it('Given stored choices, then they are read back', () => {
    expect(readUiPrefs('{"palette":"open","inspector":"closed"}')).toEqual({ palette: 'open', inspector: 'closed' });
  });

  it('Given malformed JSON or foreign values, then each unreadable field is the default', () => {
    expect(readUiPrefs('{not json')).toEqual({ palette: 'auto', inspector: 'auto' });
    expect(readUiPrefs('{"palette":"wide","inspector":"closed"}')).toEqual({ palette: 'auto', inspector: 'closed' });
    expect(readUiPrefs('[1,2]')).toEqual({ palette: 'auto', inspector: 'auto' });
  });
});

describe('saving a panel choice', () => {
  it('Given a choice another tab stored meanwhile, when this tab stores its own, then both are kept', async () => {
    const items = new Map<string, string>();
    vi.stubGlobal('localStorage', {
      getItem: (k: string) => items.get(k) ?? null,
      setItem: (k: string, v: string) => void items.set(k, v),
      removeItem: (k: string) => void items.delete(k),
    });
    vi.resetModules();
    const { useUiPrefs, UI_PREFS_KEY } = await import('./uiPrefs');
    // Another tab closes the inspector after this one loaded.
    items.set(UI_PREFS_KEY, JSON.stringify({ palette: 'auto', inspector: 'closed' }));
    useUiPrefs.getState().set({ palette: 'open' });
    expect(JSON.parse(items.get(UI_PREFS_KEY) ?? '{}')).toEqual({ palette: 'open', inspector: 'closed' });
    vi.unstubAllGlobals();
  });

  it('Given storage that refuses writes, when a choice is made, then it still holds for this visit', async () => {
    vi.stubGlobal('localStorage', {
      getItem: () => null,
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
      removeItem: () => undefined,
    });
    vi.resetModules();
    const { useUiPrefs } = await import('./uiPrefs');
    useUiPrefs.getState().set({ inspector: 'closed' });
    expect(useUiPrefs.getState().inspector).toBe('closed');
    vi.unstubAllGlobals();
  });
});
