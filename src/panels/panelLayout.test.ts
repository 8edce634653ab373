import { describe, expect, it } from 'vitest';
import { choiceAfterToggle, panelLayout, PANEL_WIDTH } from './panelLayout';

const AUTO = { palette: 'auto', inspector: 'auto' } as const;

describe('panelLayout', () => {
  it.each([1024, 1280, 1440, 1920])('Given a %i px window and no choices, then the canvas keeps at least 60% of it', (width) => {
    expect(panelLayout(width, AUTO).canvas / width).toBeGreaterThanOrEqual(0.6);
  });

  it('Given a 1024 px window, then the palette is a rail and the inspector is docked narrow', () => {
    expect(panelLayout(1024, AUTO)).toEqual({ palette: 'rail', inspector: 'narrow', canvas: 1024 - PANEL_WIDTH.palette.rail - PANEL_WIDTH.inspector.narrow });
  });

  it('Given a 1280 px window, then the palette is a rail and the inspector is docked at full width', () => {
    expect(panelLayout(1280, AUTO)).toMatchObject({ palette: 'rail', inspector: 'wide' });
  });

  it('Given a 1440 px window, then both panels are at full width', () => {
    expect(panelLayout(1440, AUTO)).toMatchObject({ palette: 'full', inspector: 'wide' });
  });

  it('Given the user opened the palette, when the window is narrow, then the palette stays full', () => {
    expect(panelLayout(1024, { palette: 'open', inspector: 'auto' }).palette).toBe('full');
  });

  it('Given the user closed both panels, when the window is wide, then both stay rails', () => {
    expect(panelLayout(1920, { palette: 'closed', inspector: 'closed' })).toMatchObject({ palette: 'rail', inspector: 'rail', canvas: 1920 - 56 - 40 });
  });
});

describe('choiceAfterToggle', () => {
  it('Given a narrow window, when the palette is expanded, then that choice is remembered as open', () => {
    expect(choiceAfterToggle(1024, 'palette', true)).toBe('open');
  });

  it('Given a narrow window, when the palette is collapsed again, then it follows the window width again', () => {
    expect(choiceAfterToggle(1024, 'palette', false)).toBe('auto');
  });

  it('Given a wide window, when the palette is collapsed, then that choice is remembered as closed', () => {
    expect(choiceAfterToggle(1920, 'palette', false)).toBe('closed');
  });

  it('Given any window, when the inspector is hidden, then that is remembered; shown again, it follows the width', () => {
    expect(choiceAfterToggle(1024, 'inspector', false)).toBe('closed');
    expect(choiceAfterToggle(1024, 'inspector', true)).toBe('auto');
  });
});
