import { diffLines } from 'diff';
import type { DiffRow } from './types';

/**
 * Side-by-side rows of a line diff (jsdiff's `diffLines`, BSD-3-Clause): unchanged lines face each other,
 * a run of removed lines faces the run of added lines that replaces it (`changed`), and what is left over
 * of the longer run stands alone.
 */
export function sideBySide(before: string, after: string): DiffRow[] {
  const rows: DiffRow[] = [];
  let left = 1;
  let right = 1;
  const lines = (value: string): string[] => {
    const out = value.split('\n');
    if (out.length > 0 && out[out.length - 1] === '') out.pop();
    return out;
  };
  const parts = before === after ? [{ value: before, added: false, removed: false }] : diffLines(before, after);
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i] as { value: string; added: boolean; removed: boolean };
    if (!part.added && !part.removed) {
      for (const text of lines(part.value)) rows.push({ kind: 'same', left: { n: left++, text }, right: { n: right++, text } });
      continue;
    }
    if (part.removed) {
      const next = parts[i + 1] as { value: string; added: boolean } | undefined;
      const removed = lines(part.value);
      const added = next?.added ? lines(next.value) : [];
      if (next?.added) i++;
      const n = Math.max(removed.length, added.length);
      for (let k = 0; k < n; k++) {
        const l = removed[k];
        const r = added[k];
        rows.push({
          kind: l !== undefined && r !== undefined ? 'changed' : l !== undefined ? 'removed' : 'added',
          ...(l !== undefined ? { left: { n: left++, text: l } } : {}),
          ...(r !== undefined ? { right: { n: right++, text: r } } : {}),
        });
      }
      continue;
    }
    for (const text of lines(part.value)) rows.push({ kind: 'added', right: { n: right++, text } });
  }
  return rows;
}

/** A policy document as the editor shows it (two-space JSON); an absent one is empty. */
export function policyText(doc: unknown): string {
  return doc === undefined ? '' : `${JSON.stringify(doc, null, 2)}\n`;
}
