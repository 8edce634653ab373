import { editWithLayout } from '../../canvas/autoLayout';
import { drawnIds, hasHidden, setDrawn, type Scenario } from '../../model';
import { useAppStore } from '../../store/store';

/**
 * In the inspector, for a principal or resource that is in the scenario but not drawn (opened from the
 * explanation or the picker): says so, and draws it in one step.
 */
export function NotDrawn({ id, scenario }: { id: string; scenario: Scenario }) {
  if (!hasHidden(scenario) || drawnIds(scenario).has(id)) return null;
  return (
    <div className="mb-3 flex items-center gap-2 rounded-md border border-slate-300 bg-white px-2 py-1.5 text-xs dark:border-slate-600 dark:bg-slate-950" role="note" data-testid="inspector.not-drawn">
      <span className="min-w-0 flex-1">Not drawn on the canvas: it is in the scenario and decided like the rest.</span>
      <button
        type="button"
        className="shrink-0 rounded border border-slate-300 px-2 py-0.5 hover:bg-slate-100 dark:border-slate-600 dark:hover:bg-slate-800"
        onClick={() => void editWithLayout((s) => setDrawn(s, [id])).then(() => useAppStore.getState().requestFit([id]))}
        data-testid="inspector.draw-it"
      >
        Draw it
      </button>
    </div>
  );
}
