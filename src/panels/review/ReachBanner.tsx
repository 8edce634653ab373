import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { reachMarks } from '../../canvas/reachMarks';
import { useAppStore } from '../../store/store';
import { FIT_OBSTACLE } from '../../ui/fitObstacle';

/**
 * The question the canvas is answering, in words, above the diagram: "Who can reach bucket-b? 3 principals
 * (1 through roles), 2 not drawn" — with a way to clear it. The highlighted nodes say the rest.
 */
export function ReachBanner() {
  const { focus, reach, scenario, status, summary, journey } = useAppStore(
    useShallow((s) => ({ focus: s.reachFocus, reach: s.reach, scenario: s.presented, status: s.analysisStatus, summary: s.analysisSummary, journey: s.journeyPick !== undefined })),
  );
  const marks = useMemo(() => (focus && reach && reach.focus === focus ? reachMarks(focus, reach.result, scenario) : undefined), [focus, reach, scenario]);
  // While a journey plays, the canvas shows only it.
  if (!focus || journey) return null;
  const name =
    focus.kind === 'who'
      ? (scenario.resources.find((r) => r.id === focus.key)?.name ?? scenario.principals.find((p) => p.id === focus.key)?.name ?? focus.key)
      : (summary?.subjects.find((s) => s.key === focus.key)?.label ?? scenario.principals.find((p) => `p:${p.id}` === focus.key)?.name ?? focus.key);
  const what = focus.kind === 'who' ? `Who can reach ${name}?` : `What can ${name} reach?`;
  const noun = focus.kind === 'who' ? 'principal' : 'resource';
  return (
    <div className="pointer-events-auto flex max-w-full items-center gap-2 rounded-full border border-slate-300 bg-white/95 px-3 py-1 text-xs shadow-sm dark:border-slate-600 dark:bg-slate-900/95" data-testid="reach.banner" role="status" {...FIT_OBSTACLE}>
      <span className="font-semibold">{what}</span>
      <span className="min-w-0 truncate" data-testid="reach.banner.count">
        {!marks
          ? status === 'running'
            ? 'analysing…'
            : 'asking…'
          : `${marks.count} ${noun}${marks.count === 1 ? '' : 's'}${marks.throughRoles > 0 ? ` (${marks.throughRoles} through roles)` : ''}${focus.kind === 'who' && marks.outsiders > 0 ? `, ${marks.outsiders} not on the canvas` : ''}`}
      </span>
      <button type="button" className="link shrink-0" onClick={() => useAppStore.getState().setReachFocus(undefined)} data-testid="reach.clear">
        Clear
      </button>
    </div>
  );
}
