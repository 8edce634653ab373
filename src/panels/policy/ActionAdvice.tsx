import { judgeAction } from '../../engine/check/actions';

/**
 * Warnings for an edge's actions that their service does not define, each with the closest action to use
 * instead. Loaded on demand with the policy checks (the engine is not in the main bundle); renders nothing
 * when every action is known or its service's list is not held.
 */
export default function ActionAdvice({ actions, onReplace }: { readonly actions: readonly string[]; readonly onReplace: (from: string, to: string) => void }) {
  const advice = actions.flatMap((action) => {
    const v = judgeAction(action);
    if (v.kind === 'unknown') return [{ action, suggestion: v.suggestion, text: `${action} is not ${v.service.article} ${v.service.label} action${v.suggestion ? ` — did you mean ${v.suggestion}?` : ', so it matches no request.'}` }];
    if (v.kind === 'matches-none') return [{ action, suggestion: undefined, text: `${action} matches no ${v.service.label} action.` }];
    return [];
  });
  if (advice.length === 0) return null;
  return (
    <ul className="mb-1.5 space-y-1" aria-label="Action warnings" data-testid="inspector.action-warnings">
      {advice.map(({ action, suggestion, text }) => (
        <li key={action} className="flex flex-wrap items-baseline gap-x-1.5 text-xs text-amber-800 dark:text-amber-300">
          <span>
            <span aria-hidden="true">⚠ </span>
            <span className="sr-only">Warning: </span>
            {text}
          </span>
          {suggestion && (
            <button type="button" className="link text-xs" onClick={() => onReplace(action, suggestion)} aria-label={`Use ${suggestion} instead of ${action}`}>
              Use {suggestion}
            </button>
          )}
        </li>
      ))}
    </ul>
  );
}
