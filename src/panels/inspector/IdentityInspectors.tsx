import {
  groupArn,
  managedPolicyArn,
  updateGroup,
  updateManagedPolicy,
  updatePrincipal,
  type IamGroup,
  type ManagedPolicy,
  type Principal,
  type Scenario,
} from '../../model';
import { useAppStore } from '../../store/store';
import { CopyValue, Section } from '../../ui/Field';
import { PolicyBlock } from '../PolicyList';

/**
 * IAM groups and managed policies in the inspector. Neither is drawn on the canvas (a group is not a
 * principal; a managed policy is a document shared by many identities): they open here from the users,
 * roles and groups they belong to, and from the explanation's "Show … in …" links.
 */

type IamPrincipal = Extract<Principal, { type: 'iam-user' | 'iam-role' }>;
const edit = (f: (s: Scenario) => Scenario) => useAppStore.getState().edit(f);
const open = (id: string) => useAppStore.getState().select([id]);

/** "AWS managed" or "Customer managed in 111111111111". */
function managedKind(m: ManagedPolicy): string {
  return m.accountId === undefined ? 'AWS managed' : `Customer managed in ${m.accountId}`;
}

/** The managed policies that may be attached in `accountId`: its own customer managed ones and AWS managed ones. */
function attachable(scenario: Scenario, accountId: string, attached: readonly string[]): ManagedPolicy[] {
  return scenario.managedPolicies.filter((m) => (m.accountId === undefined || m.accountId === accountId) && !attached.includes(m.id));
}

/** A list of links to managed policies, each with a Detach button, and a picker to attach another. */
function ManagedPolicyList({ scenario, accountId, ids, onChange, testId }: { scenario: Scenario; accountId: string; ids: readonly string[]; onChange: (ids: string[]) => void; testId: string }) {
  const byId = new Map(scenario.managedPolicies.map((m) => [m.id, m]));
  const options = attachable(scenario, accountId, ids);
  return (
    <div data-testid={testId}>
      {ids.length === 0 ? (
        <p className="text-xs text-slate-700 dark:text-slate-300">None attached.</p>
      ) : (
        <ul className="space-y-1 text-sm">
          {ids.map((id) => {
            const m = byId.get(id);
            return (
              <li key={id} className="flex items-baseline gap-2">
                <button type="button" className="link min-w-0 truncate text-left" onClick={() => open(id)} title={m ? managedPolicyArn(m) : id}>
                  {m?.name ?? id}
                </button>
                <span className="shrink-0 text-[11px] text-slate-600 dark:text-slate-400">{m ? (m.accountId === undefined ? 'AWS managed' : 'customer managed') : ''}</span>
                <button type="button" className="ml-auto shrink-0 text-xs text-red-800 underline hover:no-underline dark:text-red-300" aria-label={`Detach ${m?.name ?? id}`} onClick={() => onChange(ids.filter((x) => x !== id))}>
                  Detach
                </button>
              </li>
            );
          })}
        </ul>
      )}
      {options.length > 0 && (
        <select
          aria-label="Attach a managed policy"
          className="field mt-1 w-full !py-0.5 !text-xs"
          value=""
          onChange={(e) => {
            if (e.target.value) onChange([...ids, e.target.value]);
          }}
        >
          <option value="">Attach a managed policy…</option>
          {options.map((m) => (
            <option key={m.id} value={m.id}>
              {m.name} ({m.accountId === undefined ? 'AWS managed' : 'customer managed'})
            </option>
          ))}
        </select>
      )}
    </div>
  );
}

/** For a user or role: the managed policies attached to it, its groups (users) and a managed boundary. */
export function PrincipalIdentityLinks({ principal, scenario }: { principal: IamPrincipal; scenario: Scenario }) {
  const setLinks = (f: (p: IamPrincipal) => IamPrincipal): void =>
    edit((s) => updatePrincipal(s, principal.id, (p) => (p.type === 'iam-user' || p.type === 'iam-role' ? f(p) : p)));
  const groups = scenario.groups.filter((g) => g.accountId === principal.accountId);
  const memberOf = principal.type === 'iam-user' ? (principal.groupIds ?? []) : [];
  const boundary = principal.boundaryPolicyId !== undefined ? scenario.managedPolicies.find((m) => m.id === principal.boundaryPolicyId) : undefined;
  return (
    <>
      <Section title="Managed policies">
        <ManagedPolicyList
          scenario={scenario}
          accountId={principal.accountId}
          ids={principal.managedPolicyIds ?? []}
          testId="inspector.managed-policies"
          onChange={(ids) =>
            setLinks((p) => {
              const { managedPolicyIds: _old, ...rest } = p;
              return (ids.length > 0 ? { ...rest, managedPolicyIds: ids } : rest) as IamPrincipal;
            })
          }
        />
      </Section>
      {principal.type === 'iam-user' && (groups.length > 0 || memberOf.length > 0) && (
        <Section title="Groups">
          <p className="mb-1 text-xs text-slate-700 dark:text-slate-300">A group’s policies are this user’s identity policies too.</p>
          <ul className="space-y-1 text-sm" data-testid="inspector.groups">
            {memberOf.map((id) => {
              const g = scenario.groups.find((x) => x.id === id);
              return (
                <li key={id} className="flex items-baseline gap-2">
                  <button type="button" className="link min-w-0 truncate text-left" onClick={() => open(id)}>
                    {g?.name ?? id}
                  </button>
                  <span className="shrink-0 text-[11px] text-slate-600 dark:text-slate-400">{g ? `${g.policies.length + (g.managedPolicyIds?.length ?? 0)} polic${g.policies.length + (g.managedPolicyIds?.length ?? 0) === 1 ? 'y' : 'ies'}` : ''}</span>
                  <button
                    type="button"
                    className="ml-auto shrink-0 text-xs text-red-800 underline hover:no-underline dark:text-red-300"
                    aria-label={`Remove from group ${g?.name ?? id}`}
                    onClick={() => setLinks((p) => (p.type === 'iam-user' ? { ...p, groupIds: (p.groupIds ?? []).filter((x) => x !== id) } : p))}
                  >
                    Leave
                  </button>
                </li>
              );
            })}
          </ul>
          {groups.some((g) => !memberOf.includes(g.id)) && (
            <select
              aria-label="Add the user to a group"
              className="field mt-1 w-full !py-0.5 !text-xs"
              value=""
              onChange={(e) => {
                const id = e.target.value;
                if (id) setLinks((p) => (p.type === 'iam-user' ? { ...p, groupIds: [...(p.groupIds ?? []), id] } : p));
              }}
            >
              <option value="">Add to a group…</option>
              {groups
                .filter((g) => !memberOf.includes(g.id))
                .map((g) => (
                  <option key={g.id} value={g.id}>
                    {g.name}
                  </option>
                ))}
            </select>
          )}
        </Section>
      )}
      {boundary && (
        <Section title="Permissions boundary (managed policy)">
          <p className="text-sm">
            <button type="button" className="link" onClick={() => open(boundary.id)}>
              {boundary.name}
            </button>{' '}
            <span className="text-[11px] text-slate-600 dark:text-slate-400">{managedKind(boundary)}</span>
          </p>
          <p className="mt-1 text-xs text-slate-700 dark:text-slate-300">Caps what every other policy of this {principal.type === 'iam-user' ? 'user' : 'role'} can grant.</p>
        </Section>
      )}
    </>
  );
}

/** An IAM group: its ARN, members, inline policies and attached managed policies. */
export function GroupInspector({ group, scenario }: { group: IamGroup; scenario: Scenario }) {
  const members = scenario.principals.filter((p) => p.type === 'iam-user' && p.groupIds?.includes(group.id));
  return (
    <>
      <p className="mb-2 text-sm font-semibold" data-testid="inspector.group-name">
        {group.name}
      </p>
      <CopyValue label="ARN" value={groupArn(group)} />
      <p className="mb-2 text-xs text-slate-700 dark:text-slate-300">A group is not a principal: no policy can name it and it makes no requests. Its policies are identity policies of each member.</p>
      <Section title={`Members (${members.length})`}>
        {members.length === 0 ? (
          <p className="text-xs text-slate-700 dark:text-slate-300">No users.</p>
        ) : (
          <ul className="max-h-48 space-y-0.5 overflow-y-auto text-sm">
            {members.map((m) => (
              <li key={m.id}>
                <button type="button" className="link" onClick={() => open(m.id)}>
                  {m.name}
                </button>
              </li>
            ))}
          </ul>
        )}
      </Section>
      <Section title="Inline policies">
        {group.policies.length === 0 && <p className="text-xs text-slate-700 dark:text-slate-300">None.</p>}
        {group.policies.map((np, i) => (
          <PolicyBlock
            key={np.name}
            ownerId={group.id}
            kind="identity"
            name={np.name}
            doc={np.document}
            onChange={(doc) => edit((s) => updateGroup(s, group.id, (g) => ({ ...g, policies: g.policies.map((x, j) => (j === i ? { ...x, document: doc } : x)) })))}
            onRemove={() => edit((s) => updateGroup(s, group.id, (g) => ({ ...g, policies: g.policies.filter((_x, j) => j !== i) })))}
          />
        ))}
      </Section>
      <Section title="Managed policies">
        <ManagedPolicyList
          scenario={scenario}
          accountId={group.accountId}
          ids={group.managedPolicyIds ?? []}
          testId="inspector.group-managed-policies"
          onChange={(ids) =>
            edit((s) =>
              updateGroup(s, group.id, (g) => {
                const { managedPolicyIds: _old, ...rest } = g;
                return ids.length > 0 ? { ...rest, managedPolicyIds: ids } : rest;
              }),
            )
          }
        />
      </Section>
    </>
  );
}

/** A managed policy: its ARN, who it is attached to, and its document (editing it changes it for all of them). */
export function ManagedPolicyInspector({ policy, scenario }: { policy: ManagedPolicy; scenario: Scenario }) {
  const holders = [
    ...scenario.principals.filter((p) => (p.type === 'iam-user' || p.type === 'iam-role') && p.managedPolicyIds?.includes(policy.id)).map((p) => ({ id: p.id, name: p.name, what: p.type === 'iam-user' ? 'user' : 'role' })),
    ...scenario.groups.filter((g) => g.managedPolicyIds?.includes(policy.id)).map((g) => ({ id: g.id, name: g.name, what: 'group' })),
  ];
  const boundaryOf = scenario.principals.filter((p) => (p.type === 'iam-user' || p.type === 'iam-role') && p.boundaryPolicyId === policy.id);
  return (
    <>
      <p className="mb-1 text-sm font-semibold" data-testid="inspector.managed-name">
        {policy.name}
      </p>
      <p className="mb-2 text-xs text-slate-700 dark:text-slate-300">{managedKind(policy)}{policy.description ? ` — ${policy.description}` : ''}</p>
      <CopyValue label="ARN" value={managedPolicyArn(policy)} />
      <Section title={`Attached to ${holders.length}`}>
        {holders.length === 0 ? (
          <p className="text-xs text-slate-700 dark:text-slate-300">Nothing.</p>
        ) : (
          <ul className="max-h-48 space-y-0.5 overflow-y-auto text-sm" data-testid="inspector.attached-to">
            {holders.map((h) => (
              <li key={h.id}>
                <button type="button" className="link" onClick={() => open(h.id)}>
                  {h.name}
                </button>{' '}
                <span className="text-[11px] text-slate-600 dark:text-slate-400">{h.what}</span>
              </li>
            ))}
          </ul>
        )}
        {boundaryOf.length > 0 && <p className="mt-1 text-xs text-slate-700 dark:text-slate-300">The permissions boundary of {boundaryOf.map((p) => p.name).join(', ')}.</p>}
      </Section>
      <Section title="Policy document (default version)">
        <p className="mb-1 text-xs text-slate-700 dark:text-slate-300">
          Stored once: a change here applies to every user, group and role it is attached to{policy.accountId === undefined ? ' (AWS changes AWS managed policies itself; this edits your copy)' : ''}.
        </p>
        <PolicyBlock ownerId={policy.id} kind="identity" name={policy.name} doc={policy.document} onChange={(doc) => edit((s) => updateManagedPolicy(s, policy.id, (m) => ({ ...m, document: doc })))} />
      </Section>
    </>
  );
}
