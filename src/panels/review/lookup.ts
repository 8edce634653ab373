import { useMemo } from 'react';
import type { AnalysisResource, AnalysisSubject, ReachHop } from '../../engine';
import type { ChainHop } from '../../journey/chain';
import { useAppStore } from '../../store/store';

/**
 * Reading the access analysis's summary on the main thread: principals and resources by key, their names,
 * and what a path looks like in words. Pure lookups over the plain data the worker sent.
 */

export interface AnalysisLookup {
  readonly subjects: ReadonlyMap<string, AnalysisSubject>;
  readonly resources: ReadonlyMap<string, AnalysisResource>;
}

export function useAnalysisLookup(): AnalysisLookup {
  const summary = useAppStore((s) => s.analysisSummary);
  return useMemo(
    () => ({ subjects: new Map((summary?.subjects ?? []).map((s) => [s.key, s])), resources: new Map((summary?.resources ?? []).map((r) => [r.key, r])) }),
    [summary],
  );
}

/** The name of a principal (subject key) or resource (key) for text. */
export function nameOf(lookup: AnalysisLookup, key: string): string {
  return lookup.subjects.get(key)?.label ?? lookup.resources.get(key)?.label ?? (key.startsWith('p:') ? key.slice(2) : key);
}

/** The canvas node a subject key stands for, if it is drawn. */
export function nodeOfSubject(lookup: AnalysisLookup, key: string): string | undefined {
  if (key.startsWith('p:')) return key.slice(2);
  return lookup.subjects.get(key)?.nodeId;
}

/** "alice → RoleA → RoleB → data-c". */
export function pathText(lookup: AnalysisLookup, path: readonly ReachHop[]): string {
  if (path.length === 0) return '';
  return [nameOf(lookup, (path[0] as ReachHop).from), ...path.map((h) => nameOf(lookup, h.to.startsWith('p:') ? h.to : h.to))].join(' → ');
}

/**
 * A path as a journey chain (canvas node ids), when every principal on it is drawn: the roles are drawn
 * principals, so only the first hop's caller can be an outsider.
 */
export function chainOf(path: readonly ReachHop[]): ChainHop[] | undefined {
  const out: ChainHop[] = [];
  for (const h of path) {
    if (!h.from.startsWith('p:')) return undefined;
    const to = h.to.startsWith('p:') ? h.to.slice(2) : h.to;
    const context = h.context.length > 0 ? Object.fromEntries(h.context.map((c) => [c.key, c.values.length === 1 ? (c.values[0] as string) : c.values])) : undefined;
    out.push({ from: h.from.slice(2), to, action: h.action, ...(context ? { context } : {}), ...(h.resourcePath !== undefined ? { resourcePath: h.resourcePath } : {}) });
  }
  return out.length > 0 ? out : undefined;
}

/** A list of actions in a few words: the names when few, else how many. */
export function actionsText(actions: readonly string[], relevant: number): string {
  if (actions.length === 0) return 'no action';
  if (relevant > 0 && actions.length >= relevant && relevant > 3) return `all ${relevant} relevant actions`;
  if (actions.length <= 3) return actions.join(', ');
  return `${actions.length}${relevant > 0 ? ` of ${relevant}` : ''} actions`;
}
