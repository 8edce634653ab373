import { useReactFlow } from '@xyflow/react';
import type { DragEvent } from 'react';
import { addPaletteItem, PALETTE_MIME, type PaletteItem } from '../canvas/Canvas';
import { PRINCIPAL_LOOK, RESOURCE_LOOK } from '../canvas/appearance';
import type { AppNode } from '../graph/toFlow';
import { RESOURCE_TYPE_IDS, RESOURCE_TYPES } from '../model';
import { Icon, type IconName } from '../ui/icons';

interface Entry {
  readonly item: PaletteItem;
  readonly label: string;
  readonly icon: IconName;
  readonly tint: string;
}

const SECTIONS: ReadonlyArray<{ title: string; entries: Entry[] }> = [
  { title: 'Accounts', entries: [{ item: { kind: 'account' }, label: 'AWS account', icon: 'account', tint: 'text-slate-600 dark:text-slate-300' }] },
  {
    title: 'Principals',
    entries: (['iam-user', 'iam-role', 'account-root', 'service'] as const).map((type) => ({
      item: { kind: 'principal', type },
      label: PRINCIPAL_LOOK[type].label,
      icon: PRINCIPAL_LOOK[type].icon,
      tint: PRINCIPAL_LOOK[type].tint,
    })),
  },
  {
    title: 'Resources',
    entries: RESOURCE_TYPE_IDS.map((type) => ({ item: { kind: 'resource', type }, label: RESOURCE_TYPES[type].label, icon: RESOURCE_LOOK[type].icon, tint: RESOURCE_LOOK[type].tint })),
  },
  { title: 'EventBridge', entries: [{ item: { kind: 'rule' }, label: 'Rule (on a bus)', icon: 'rule', tint: 'text-rose-700 dark:text-rose-300' }] },
];

function testId(item: PaletteItem): string {
  return `palette.${item.kind === 'principal' || item.kind === 'resource' ? item.type : item.kind}`;
}

/** Every entity type: click to add (into the selected or first account), or drag onto the canvas. */
export function Palette() {
  const { getNodes, screenToFlowPosition } = useReactFlow<AppNode>();
  const onDragStart = (event: DragEvent, item: PaletteItem) => {
    event.dataTransfer.setData(PALETTE_MIME, JSON.stringify(item));
    event.dataTransfer.effectAllowed = 'copy';
  };
  const onClick = (item: PaletteItem) => {
    const nodes = getNodes();
    if (item.kind === 'account') {
      const right = nodes.filter((n) => n.type === 'account').reduce((max, n) => Math.max(max, n.position.x + (n.width ?? 0)), -60);
      addPaletteItem(item, { x: right + 60, y: 0 }, nodes);
      return;
    }
    // Into the selected account (or the account of the selected node), else the first account; next free slot.
    const selected = nodes.find((n) => n.selected);
    const accountId = selected?.type === 'account' ? selected.id : selected?.parentId;
    const account = nodes.find((n) => n.id === accountId) ?? nodes.find((n) => n.type === 'account');
    if (!account) {
      addPaletteItem(item, screenToFlowPosition({ x: 300, y: 200 }), nodes);
      return;
    }
    const children = nodes.filter((n) => n.parentId === account.id).length;
    const at = { x: account.position.x + 16 + (children % 2) * 212, y: account.position.y + 48 + Math.floor(children / 2) * 88 };
    addPaletteItem(item, at, nodes);
  };
  return (
    <nav aria-label="Palette" className="w-52 shrink-0 overflow-y-auto border-r border-slate-200 bg-white p-2 dark:border-slate-800 dark:bg-slate-900">
      {SECTIONS.map((section) => (
        <section key={section.title} className="mb-3">
          <h2 className="px-1 pb-1 text-[11px] font-semibold uppercase tracking-wide text-slate-600 dark:text-slate-400">{section.title}</h2>
          <ul className="space-y-0.5">
            {section.entries.map((entry) => (
              <li key={testId(entry.item)}>
                <button
                  type="button"
                  draggable
                  onDragStart={(e) => onDragStart(e, entry.item)}
                  onClick={() => onClick(entry.item)}
                  className="flex w-full items-center gap-2 rounded-md px-2 py-1.5 text-left text-sm hover:bg-slate-100 dark:hover:bg-slate-800"
                  data-testid={testId(entry.item)}
                  aria-label={`Add ${entry.label}`}
                  title={`Add ${entry.label} — click, or drag onto the canvas`}
                >
                  <span className={entry.tint}>
                    <Icon name={entry.icon} className="h-5 w-5" />
                  </span>
                  <span className="truncate">{entry.label}</span>
                </button>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </nav>
  );
}
