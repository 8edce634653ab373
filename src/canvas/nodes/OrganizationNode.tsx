import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import type { OrganizationFlowNode } from '../../graph/toFlow';
import { Icon } from '../../ui/icons';

/**
 * An organization: a frame around its member accounts, with the SCPs and RCPs it carries. Only the header
 * takes pointer events, so the space between accounts still pans and box-selects.
 */
function OrganizationNodeView({ data, selected }: NodeProps<OrganizationFlowNode>) {
  const { organization: org } = data;
  // Only the policies' names and kinds are in the node's data: editing a document leaves the frame as it is.
  const scps = org.policies.filter((p) => p.type === 'scp');
  const rcps = org.policies.filter((p) => p.type === 'rcp');
  return (
    <div
      className={`h-full w-full rounded-2xl border-2 border-dashed ${selected ? 'border-sky-600 bg-sky-50/40 dark:border-sky-400 dark:bg-sky-950/20' : 'border-indigo-300 bg-indigo-50/30 dark:border-indigo-700 dark:bg-indigo-950/20'}`}
      data-testid={`organization.${org.id}`}
    >
      <div className="org-frame-header flex max-w-full cursor-pointer items-center gap-2 overflow-hidden px-4 pt-2.5">
        <Icon name="org" className="h-5 w-5 shrink-0 text-indigo-700 dark:text-indigo-300" />
        <span className="lod-name truncate text-sm font-semibold text-indigo-950 dark:text-indigo-100" title={org.name}>{org.name}</span>
        <span className="lod-detail font-mono text-xs text-indigo-800 dark:text-indigo-300">{org.id}</span>
        {scps.map((p) => (
          <span key={p.id} className="org-chip lod-detail" title={`Service control policy ${p.name}`}>
            SCP · {p.name}
          </span>
        ))}
        {rcps.map((p) => (
          <span key={p.id} className="org-chip lod-detail" title={`Resource control policy ${p.name}`}>
            RCP · {p.name}
          </span>
        ))}
      </div>
    </div>
  );
}

export const OrganizationNode = memo(OrganizationNodeView);
