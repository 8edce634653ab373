import { useAppStore } from '../../store/store';
import { Icon } from '../../ui/icons';

/**
 * The inspector's way into the access analysis for the selected node: "Who can reach this?" for a resource
 * or a role (by its trust policy), "What can this reach?" for a principal — its blast radius, through the
 * roles it can assume. The answer is highlighted on the canvas and listed in the review panel.
 */
export function ReachButtons({ id, who, what }: { readonly id: string; readonly who: boolean; readonly what: boolean }) {
  const focus = useAppStore((s) => s.reachFocus);
  const ask = (kind: 'who' | 'what'): void => {
    const { setReachFocus, setReviewOpen } = useAppStore.getState();
    setReachFocus({ kind, key: kind === 'who' ? id : `p:${id}` });
    setReviewOpen(true);
  };
  const active = (kind: 'who' | 'what'): boolean => focus?.kind === kind && focus.key === (kind === 'who' ? id : `p:${id}`);
  return (
    <div className="mb-3 flex flex-wrap gap-2" role="group" aria-label="Access analysis">
      {who && (
        <button type="button" className={`btn ${active('who') ? 'btn-primary' : ''}`} aria-pressed={active('who')} onClick={() => ask('who')} data-testid="inspector.who-can-reach">
          <Icon name="target" className="h-3.5 w-3.5" /> Who can reach this?
        </button>
      )}
      {what && (
        <button type="button" className={`btn ${active('what') ? 'btn-primary' : ''}`} aria-pressed={active('what')} onClick={() => ask('what')} data-testid="inspector.what-can-reach">
          <Icon name="review" className="h-3.5 w-3.5" /> What can this reach?
        </button>
      )}
    </div>
  );
}
