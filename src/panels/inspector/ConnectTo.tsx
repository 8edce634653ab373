import { useReactFlow } from '@xyflow/react';
import { useId, useState } from 'react';
import { principalName } from '../../graph/toFlow';
import { connect, RESOURCE_TYPES, type Scenario } from '../../model';
import { useAppStore } from '../../store/store';
import { Section } from '../../ui/Field';
import { INSPECTOR_TITLE_ID } from './context';

/**
 * The keyboard's way to draw an edge (dragging between handles needs a pointer): pick what this
 * principal or rule should reach, and the edge its endpoints imply is added.
 */
export function ConnectTo({ sourceId, scenario }: { readonly sourceId: string; readonly scenario: Scenario }) {
  const id = useId();
  const [target, setTarget] = useState('');
  const { getNodesBounds, flowToScreenPosition } = useReactFlow();
  const isRule = scenario.rules.some((r) => r.id === sourceId);
  const options = [
    ...(isRule ? [] : scenario.principals.filter((p) => p.type === 'iam-role' && p.id !== sourceId).map((p) => ({ id: p.id, label: `Assume role ${principalName(p)}${p.type === 'iam-role' ? ` (${p.accountId})` : ''}` }))),
    ...scenario.resources
      .filter((r) => !isRule || RESOURCE_TYPES[r.type].eventBridgeTarget)
      .map((r) => ({ id: r.id, label: `${isRule ? 'Deliver to' : 'Access'} ${RESOURCE_TYPES[r.type].label} ${r.name} (${r.accountId})` })),
  ];
  if (options.length === 0) return null;
  const add = () => {
    const { edit, notify, select } = useAppStore.getState();
    let created: string | undefined;
    edit((s) => {
      const r = connect(s, sourceId, target);
      if ('error' in r) {
        notify({ kind: 'refused', text: r.error });
        return s;
      }
      created = r.id;
      return r.scenario;
    });
    if (!created) return;
    select([created]);
    notify({ kind: 'info', text: 'Edge added. Pick its actions in the inspector; the colour shows the decision.' });
    // This panel goes with the selection: the keyboard user's place becomes the new edge's heading (not
    // <body>), and the edge is brought into view when either end is outside it.
    const ends = [sourceId, target];
    requestAnimationFrame(() => {
      document.getElementById(INSPECTOR_TITLE_ID)?.focus();
      const pane = document.querySelector('.react-flow')?.getBoundingClientRect();
      const b = getNodesBounds(ends);
      const topLeft = flowToScreenPosition({ x: b.x, y: b.y });
      const bottomRight = flowToScreenPosition({ x: b.x + b.width, y: b.y + b.height });
      const inView = !!pane && topLeft.x >= pane.left && topLeft.y >= pane.top && bottomRight.x <= pane.right && bottomRight.y <= pane.bottom;
      if (!inView) useAppStore.getState().requestFit(ends);
    });
  };
  return (
    <Section title={isRule ? 'Add a target' : 'Connect to'}>
      <div className="flex gap-1">
        <label htmlFor={id} className="sr-only">
          {isRule ? 'Target to deliver to' : 'Role or resource to reach'}
        </label>
        <select id={id} value={target} onChange={(e) => setTarget(e.target.value)} className="field min-w-0 flex-1" data-testid="inspector.connect-target">
          <option value="">Choose…</option>
          {options.map((o) => (
            <option key={o.id} value={o.id}>
              {o.label}
            </option>
          ))}
        </select>
        <button type="button" className="btn" disabled={!target} onClick={add} data-testid="inspector.connect">
          Add edge
        </button>
      </div>
    </Section>
  );
}
