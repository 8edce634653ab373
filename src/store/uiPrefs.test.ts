import { describe, expect, it } from 'vitest';
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
