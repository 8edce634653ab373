import { AccountNode } from './nodes/AccountNode';
import { BusNode } from './nodes/BusNode';
import { OrganizationNode } from './nodes/OrganizationNode';
import { PrincipalNode } from './nodes/PrincipalNode';
import { ResourceNode } from './nodes/ResourceNode';
import { RuleNode } from './nodes/RuleNode';
import { DecisionEdge } from './edges/DecisionEdge';

/** Registered once at module scope so React Flow never sees new type maps. */
export const nodeTypes = { organization: OrganizationNode, account: AccountNode, principal: PrincipalNode, resource: ResourceNode, bus: BusNode, rule: RuleNode };
export const edgeTypes = { decision: DecisionEdge };
