import type { EvaluatedRequest } from '../engine';
import { principalArn, sessionArn, sessionLabel, type IamRole, type Principal, type Scenario } from '../model';

/**
 * Who is acting on a journey: read from the request the engine evaluated, never inferred. A `caller`
 * acts with its own identity (user, root, or a role acting as itself is a `session`), a `session` is an
 * assumed-role session acting with the role's permissions, a `service` is an AWS service principal.
 */
export type ActorKind = 'caller' | 'session' | 'service';

export interface Actor {
  readonly kind: ActorKind;
  /** The principal ARN the engine evaluated (a session ARN for sessions, the service name for services). */
  readonly arn: string;
  /** "alice", "ExportRole/session" (`sessionLabel`: the end of the session ARN), "events.amazonaws.com". */
  readonly label: string;
  readonly account?: string;
  /** What the token shows: "alice @ 111111111111". */
  readonly badge: string;
  /** The drawn principal the identity belongs to (the role for a session). */
  readonly nodeId?: string;
  /** Names of the identity policies it acts with. */
  readonly policies: readonly string[];
  /** Whether a permissions boundary caps those policies. */
  readonly bounded: boolean;
  /** A condition key the request carries that matters to the story (aws:SourceArn for EventBridge). */
  readonly carries?: { readonly key: string; readonly value: string };
}

const SESSION_ARN = /^arn:[^:]+:sts::(\d{12}):assumed-role\/([^/]+)\/(.+)$/;

function policiesOf(p: Principal | undefined): readonly string[] {
  return p && (p.type === 'iam-user' || p.type === 'iam-role') ? p.policies.map((np) => np.name) : [];
}

function boundedOf(p: Principal | undefined): boolean {
  return !!p && (p.type === 'iam-user' || p.type === 'iam-role') && p.permissionsBoundary !== undefined;
}

function badgeOf(label: string, account: string | undefined): string {
  return account ? `${label} @ ${account}` : label;
}

/** The drawn role a session belongs to (session ARNs carry the role's name, not its path). */
export function roleOfSession(scenario: Scenario, account: string, roleName: string): IamRole | undefined {
  return scenario.principals.find((p): p is IamRole => p.type === 'iam-role' && p.accountId === account && p.name === roleName);
}

/** The actor of an evaluated request. */
export function actorOfRequest(scenario: Scenario, request: EvaluatedRequest): Actor {
  if (request.principalType === 'service') {
    const source = request.context['aws:SourceArn'];
    const value = typeof source === 'string' ? source : source?.[0];
    return {
      kind: 'service',
      arn: request.principal,
      label: request.principal,
      badge: request.principal,
      nodeId: scenario.principals.find((p) => p.type === 'service' && p.service === request.principal)?.id,
      policies: [],
      bounded: false,
      ...(value !== undefined ? { carries: { key: 'aws:SourceArn', value } } : {}),
    };
  }
  const session = SESSION_ARN.exec(request.principal);
  if (session) {
    const [, account = '', roleName = '', sessionName = ''] = session;
    const role = roleOfSession(scenario, account, roleName);
    const label = sessionLabel(roleName, sessionName);
    return { kind: 'session', arn: request.principal, label, account, badge: badgeOf(label, account), nodeId: role?.id, policies: policiesOf(role), bounded: boundedOf(role) };
  }
  const drawn = scenario.principals.find((p) => p.type !== 'service' && principalArn(p) === request.principal);
  const label = request.principalLabel;
  return {
    kind: 'caller',
    arn: request.principal,
    label,
    account: request.principalAccount,
    badge: badgeOf(label, request.principalAccount),
    nodeId: drawn?.id,
    policies: policiesOf(drawn),
    bounded: boundedOf(drawn),
  };
}

/** The session a role becomes when nothing after the swap tells which session the engine evaluates. */
export function sessionActor(scenario: Scenario, role: IamRole, sessionName: string): Actor {
  const arn = sessionArn(role, sessionName);
  const label = sessionLabel(role.name, sessionName);
  const found = roleOfSession(scenario, role.accountId, role.name) ?? role;
  return { kind: 'session', arn, label, account: role.accountId, badge: badgeOf(label, role.accountId), nodeId: role.id, policies: policiesOf(found), bounded: boundedOf(found) };
}
