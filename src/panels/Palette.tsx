import { useReactFlow } from '@xyflow/react';
import { useCallback, useEffect, useId, useRef, useState, type DragEvent } from 'react';
import { PRINCIPAL_LOOK, RESOURCE_LOOK, RULE_LOOK } from '../canvas/appearance';
import { motion } from '../canvas/motion';
import { addPaletteItem, PALETTE_MIME, type PaletteItem } from '../canvas/palette';
import type { AppNode } from '../graph/toFlow';
import { RESOURCE_TYPE_IDS, RESOURCE_TYPES, type ResourceType } from '../model';
import { useAppStore } from '../store/store';
import { Icon, type IconName } from '../ui/icons';
import { Tooltip } from '../ui/Tooltip';
import { usePanelLayout } from './usePanelLayout';

interface Entry {
  readonly item: PaletteItem;
  readonly label: string;
  readonly hint: string;
  readonly icon: IconName;
  readonly tint: string;
}

const SHORT: Partial<Record<ResourceType, string>> = {
  'apigateway-rest-api': 'API Gateway API',
  'events-bus': 'Event bus',
  'kinesis-stream': 'Kinesis stream',
  'states-state-machine': 'Step Functions',
  'ecs-task-definition': 'ECS task',
  'ssm-document': 'SSM document',
  'autoscaling-group': 'Auto Scaling',
};

const PRINCIPAL_HINTS = {
  'iam-user': 'A person or program with long-term credentials and its own identity policies.',
  'iam-role': 'An identity others assume (AssumeRole) to get its permissions; its trust policy says who may.',
  'account-root': 'The account itself: it has every permission of its account.',
  service: 'An AWS service such as events.amazonaws.com, named in resource and trust policies.',
} as const;

const SECTIONS: ReadonlyArray<{ title: string; entries: Entry[] }> = [
  {
    title: 'Accounts',
    entries: [
      { item: { kind: 'account' }, label: 'AWS account', hint: 'A container for users, roles and resources.', icon: 'account', tint: 'text-slate-700 dark:text-slate-300' },
      { item: { kind: 'organization' }, label: 'Organization', hint: 'Groups accounts and carries SCPs and RCPs; the selected (or dropped-on) account becomes its management account.', icon: 'org', tint: 'text-indigo-700 dark:text-indigo-300' },
    ],
  },
  {
    title: 'Principals',
    entries: (['iam-user', 'iam-role', 'account-root', 'service'] as const).map((type) => ({
      item: { kind: 'principal', type },
      label: PRINCIPAL_LOOK[type].label,
      hint: PRINCIPAL_HINTS[type],
      icon: PRINCIPAL_LOOK[type].icon,
      tint: PRINCIPAL_LOOK[type].tint,
    })),
  },
  {
    title: 'Resources',
    entries: RESOURCE_TYPE_IDS.map((type) => ({
      item: { kind: 'resource', type },
      label: SHORT[type] ?? RESOURCE_TYPES[type].label,
      hint: `${RESOURCE_TYPES[type].label}${RESOURCE_TYPES[type].policyName ? ` — has a ${RESOURCE_TYPES[type].policyName.toLowerCase()}` : ' — no resource policy'}.`,
      icon: RESOURCE_LOOK[type].icon,
      tint: RESOURCE_LOOK[type].tint,
    })),
  },
  {
    title: 'EventBridge',
    entries: [{ item: { kind: 'rule' }, label: 'Rule on a bus', hint: 'Sits on an event bus and delivers events to targets. Drop it on a bus (the account’s default bus is added if there is none).', icon: RULE_LOOK.icon, tint: RULE_LOOK.tint }],
  },
];

function testId(item: PaletteItem): string {
  return `palette.${item.kind === 'principal' || item.kind === 'resource' ? item.type : item.kind}`;
}

/**
 * Every entity type: click (or Enter) to add into the selected or first account, or drag onto the canvas.
 * On a narrow window it is an icon rail (src/panels/panelLayout.ts): each icon keeps its name as its
 * accessible name and shows it in a tooltip on hover and keyboard focus.
 */
export function Palette() {
  const { getNodes, getInternalNode, getViewport, setCenter } = useReactFlow<AppNode>();
  // Whether the list is scrolled away from its top (a rule under the header) or has more below (a fade
  // over its last row says so): it fits a 900-pixel-high window, and scrolls in smaller ones.
  const [edges, setEdges] = useState({ above: false, below: false });
  const list = useRef<HTMLDivElement>(null);
  const measure = useCallback(() => {
    const el = list.current;
    if (!el) return;
    const next = { above: el.scrollTop > 0, below: el.scrollTop + el.clientHeight < el.scrollHeight - 1 };
    setEdges((prev) => (prev.above === next.above && prev.below === next.below ? prev : next));
  }, []);
  useEffect(() => {
    const el = list.current;
    if (!el) return;
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, [measure]);
  const listId = useId();
  const layout = usePanelLayout();
  // The rail and the labelled list differ in height: measure again when the mode changes.
  useEffect(measure, [measure, layout.palette]);
  const onDragStart = (event: DragEvent, item: PaletteItem) => {
    event.dataTransfer.setData(PALETTE_MIME, JSON.stringify(item));
    event.dataTransfer.effectAllowed = 'copy';
  };
  const onClick = (item: PaletteItem) => {
    const created = addPaletteItem(item, getNodes());
    if (!created) return;
    // Bring the new node into view if it landed off-screen: fit everything while the drawing is small,
    // else centre on the new node.
    // (The canvas draws the change with its decision, a few frames later: wait for the node.)
    let tries = 0;
    const reveal = () => {
      const node = getInternalNode(created);
      const pane = document.querySelector('.react-flow')?.getBoundingClientRect();
      if (!node || !pane) {
        if (++tries < 30) requestAnimationFrame(reveal);
        return;
      }
      const { x, y, zoom } = getViewport();
      const p = node.internals.positionAbsolute;
      const w = node.measured.width ?? node.width ?? 200;
      const h = node.measured.height ?? node.height ?? 60;
      const visible = p.x * zoom + x >= 0 && p.y * zoom + y >= 0 && (p.x + w) * zoom + x <= pane.width && (p.y + h) * zoom + y <= pane.height;
      if (visible) return;
      if (getNodes().length <= 40) useAppStore.getState().requestFit();
      else void setCenter(p.x + w / 2, p.y + h / 2, { zoom: Math.max(zoom, 0.6), duration: motion(200) });
    };
    requestAnimationFrame(reveal);
  };
  const rail = layout.palette === 'rail';
  return (
    <nav aria-label="Palette" className={`flex shrink-0 flex-col border-r border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900 ${rail ? 'w-14' : 'w-48'}`} data-testid="palette" data-mode={layout.palette}>
      <div className={`flex items-center px-2 py-1.5 ${rail ? 'justify-center' : 'justify-between'} ${edges.above ? 'border-b border-slate-200 shadow-sm dark:border-slate-700' : 'border-b border-transparent'}`}>
        {!rail && <span className="px-1 text-xs font-semibold text-slate-700 dark:text-slate-300">Add to the canvas</span>}
        <button
          type="button"
          className="rounded p-1 text-slate-600 hover:bg-slate-100 dark:text-slate-300 dark:hover:bg-slate-800"
          aria-label={rail ? 'Expand the palette' : 'Collapse the palette'}
          aria-expanded={!rail}
          aria-controls={listId}
          title={rail ? 'Show the palette’s labels' : 'Collapse the palette to icons'}
          data-testid="palette.toggle"
          // The canvas refits itself when a panel changes width (src/app/App.tsx).
          onClick={() => layout.toggle('palette', rail)}
        >
          <Icon name={rail ? 'chevronRight' : 'chevronLeft'} className="h-4 w-4" />
        </button>
      </div>
      {/* Section titles stick to the top of the list on an opaque strip; scroll-padding keeps an item reached by Tab clear of them and of the fade at the bottom. */}
      <div className="relative min-h-0 flex-1">
      <div id={listId} ref={list} className={`h-full overflow-y-auto px-2 pb-2 scroll-pb-8 ${rail ? '' : 'scroll-pt-8'}`} onScroll={measure} data-testid="palette.list">
        {SECTIONS.map((section, i) => (
          <section key={section.title} className={rail ? (i > 0 ? 'mt-1.5 border-t border-slate-200 pt-1.5 dark:border-slate-700' : '') : 'mb-1.5'} aria-label={section.title}>
            {rail ? (
              <h2 className="sr-only">{section.title}</h2>
            ) : (
              <h2 className="sticky top-0 z-10 bg-white px-1 pb-1 pt-1.5 text-[11px] font-semibold uppercase tracking-wide text-slate-600 dark:bg-slate-900 dark:text-slate-400">{section.title}</h2>
            )}
            <ul className="space-y-0.5">
              {section.entries.map((entry) => {
                const button = (
                  <button
                    type="button"
                    draggable
                    onDragStart={(e) => onDragStart(e, entry.item)}
                    onClick={() => onClick(entry.item)}
                    // 28-pixel rows (above WCAG 2.5.8's 24): the whole palette fits a window 900 pixels high.
                    className={`flex w-full items-center gap-2 rounded-md py-1 text-left text-sm hover:bg-slate-100 dark:hover:bg-slate-800 ${rail ? 'justify-center px-1' : 'px-2'}`}
                    data-testid={testId(entry.item)}
                    aria-label={`Add ${entry.label}`}
                    {...(rail ? { 'aria-description': entry.hint } : { title: `${entry.label}: ${entry.hint} Click to add, or drag onto the canvas.` })}
                  >
                    <span className={entry.tint}>
                      <Icon name={entry.icon} className="h-5 w-5" />
                    </span>
                    {!rail && <span className="truncate">{entry.label}</span>}
                  </button>
                );
                return (
                  <li key={testId(entry.item)}>
                    {rail ? (
                      <Tooltip text={entry.label} side="right" className="flex w-full">
                        {button}
                      </Tooltip>
                    ) : (
                      button
                    )}
                  </li>
                );
              })}
            </ul>
          </section>
        ))}
      </div>
      {edges.below && <div className="pointer-events-none absolute inset-x-0 bottom-0 h-8 border-b border-slate-300 bg-gradient-to-t from-white via-white/80 dark:border-slate-600 dark:from-slate-900 dark:via-slate-900/80" aria-hidden="true" data-testid="palette.more" />}
      </div>
    </nav>
  );
}
