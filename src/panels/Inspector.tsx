import { useShallow } from 'zustand/react/shallow';
import { DECISION_LOOK, PRINCIPAL_LOOK } from '../canvas/appearance';
import {

  principalArn,
  resourceArn,
  ruleArn,
  RESOURCE_TYPES,
  updateAccount,
  updateEdge,
  updatePrincipal,
  updateResource,
  updateRule,
  type Account,
  type Edge,
  type EventRule,
  type Principal,
  type Resource,
  type Scenario,
} from '../model';
import { useAppStore } from '../store/store';
import { CopyValue, Section, TextField } from '../ui/Field';
import { Explanation } from './Explanation';
import { OrganizationPanel } from './OrganizationPanel';
import { PolicyBlock, TemplateMenu } from './PolicyList';

const edit = (f: (s: Scenario) => Scenario) => useAppStore.getState().edit(f);
const required = (v: string) => (v.trim() === '' ? 'Required.' : undefined);
const ACTION = /^(\*|[a-zA-Z0-9-]+:[a-zA-Z0-9*?]+)$/;

function uniqueName(existing: readonly string[], base: string): string {
  if (!existing.includes(base)) return base;
  for (let n = 2; ; n++) if (!existing.includes(`${base} ${n}`)) return `${base} ${n}`;
}

function AccountInspector({ account }: { account: Account }) {
  return (
    <>
      <TextField label="Account name" value={account.name} validate={required} onCommit={(name) => edit((s) => updateAccount(s, account.id, (a) => ({ ...a, name })))} testId="inspector.name" />
      <CopyValue label="Account id" value={account.id} />
      <CopyValue label="Account principal ARN" value={`arn:aws:iam::${account.id}:root`} />
      <OrganizationPanel account={account} />
    </>
  );
}

function PrincipalInspector({ principal, scenario }: { principal: Principal; scenario: Scenario }) {
  const arn = principalArn(principal);
  if (principal.type === 'service') {
    return (
      <>
        <TextField label="Service principal" value={principal.service} mono validate={(v) => (/^[a-z0-9.-]+\.amazonaws\.com(\.cn)?$/.test(v) ? undefined : 'Looks like events.amazonaws.com')} onCommit={(service) => edit((s) => updatePrincipal(s, principal.id, (p) => (p.type === 'service' ? { ...p, service } : p)))} />
        <p className="text-xs text-slate-600 dark:text-slate-400">AWS services have no identity policies: a resource policy or a role's trust policy must name them. SCPs do not apply to them.</p>
      </>
    );
  }
  return (
    <>
      {principal.type !== 'account-root' && (
        <TextField label="Name" value={principal.name} validate={(v) => required(v) ?? (/^[\w+=,.@-]{1,64}$/.test(v) ? undefined : 'Letters, digits and +=,.@-_ only (max 64).')} onCommit={(name) => edit((s) => updatePrincipal(s, principal.id, (p) => ({ ...p, name })))} testId="inspector.name" />
      )}
      <label className="mb-2 block text-xs font-medium text-slate-700 dark:text-slate-300">
        Account
        <select
          className="mt-0.5 block w-full rounded border border-slate-300 bg-white px-2 py-1 text-sm dark:border-slate-600 dark:bg-slate-800"
          value={principal.accountId}
          onChange={(e) => edit((s) => updatePrincipal(s, principal.id, (p) => (p.type === 'service' ? p : { ...p, accountId: e.target.value })))}
        >
          {scenario.accounts.map((a) => (
            <option key={a.id} value={a.id}>
              {a.name} ({a.id})
            </option>
          ))}
        </select>
      </label>
      <CopyValue label="ARN" value={arn} />
      {principal.type === 'account-root' && <p className="mb-2 text-xs text-slate-600 dark:text-slate-400">The root user has every permission of its account. Only SCPs and explicit denies limit it; KMS key policies and trust policies must still name the account.</p>}
      {(principal.type === 'iam-user' || principal.type === 'iam-role') && (
        <>
          {principal.type === 'iam-role' && (
            <Section title="Trust policy" actions={<TemplateMenu kind="trust" label="Replace with" context={{ accountId: principal.accountId }} onPick={(_n, doc) => edit((s) => updatePrincipal(s, principal.id, (p) => (p.type === 'iam-role' ? { ...p, trustPolicy: doc } : p)))} />}>
              <PolicyBlock ownerId={principal.id} kind="trust" name="Trust policy" doc={principal.trustPolicy} onChange={(doc) => edit((s) => updatePrincipal(s, principal.id, (p) => (p.type === 'iam-role' ? { ...p, trustPolicy: doc } : p)))} />
            </Section>
          )}
          <Section
            title="Identity policies"
            actions={
              <TemplateMenu
                kind="identity"
                label="Add"
                context={{ accountId: principal.accountId }}
                onPick={(name, doc) =>
                  edit((s) => updatePrincipal(s, principal.id, (p) => (p.type === 'iam-user' || p.type === 'iam-role' ? { ...p, policies: [...p.policies, { name: uniqueName(p.policies.map((x) => x.name), name), document: doc }] } : p)))
                }
              />
            }
          >
            {principal.policies.length === 0 && <p className="text-xs text-slate-600 dark:text-slate-400">No identity policies: this {principal.type === 'iam-user' ? 'user' : 'role'} may do nothing on its own.</p>}
            {principal.policies.map((np, i) => (
              <PolicyBlock
                key={np.name}
                ownerId={principal.id}
                kind="identity"
                name={np.name}
                doc={np.document}
                onChange={(doc) => edit((s) => updatePrincipal(s, principal.id, (p) => (p.type === 'iam-user' || p.type === 'iam-role' ? { ...p, policies: p.policies.map((x, j) => (j === i ? { ...x, document: doc } : x)) } : p)))}
                onRemove={() => edit((s) => updatePrincipal(s, principal.id, (p) => (p.type === 'iam-user' || p.type === 'iam-role' ? { ...p, policies: p.policies.filter((_x, j) => j !== i) } : p)))}
              />
            ))}
          </Section>
          <Section
            title="Permissions boundary"
            actions={
              !principal.permissionsBoundary && (
                <TemplateMenu kind="boundary" label="Set" context={{ accountId: principal.accountId }} onPick={(_n, doc) => edit((s) => updatePrincipal(s, principal.id, (p) => (p.type === 'iam-user' || p.type === 'iam-role' ? { ...p, permissionsBoundary: doc } : p)))} />
              )
            }
          >
            {principal.permissionsBoundary ? (
              <PolicyBlock
                ownerId={principal.id}
                kind="boundary"
                name="Permissions boundary"
                doc={principal.permissionsBoundary}
                onChange={(doc) => edit((s) => updatePrincipal(s, principal.id, (p) => (p.type === 'iam-user' || p.type === 'iam-role' ? { ...p, permissionsBoundary: doc } : p)))}
                onRemove={() =>
                  edit((s) =>
                    updatePrincipal(s, principal.id, (p) => {
                      if (p.type !== 'iam-user' && p.type !== 'iam-role') return p;
                      const { permissionsBoundary: _drop, ...rest } = p;
                      return rest as Principal;
                    }),
                  )
                }
              />
            ) : (
              <p className="text-xs text-slate-600 dark:text-slate-400">None: the identity policies alone set what it may do.</p>
            )}
          </Section>
        </>
      )}
    </>
  );
}

function ResourceInspector({ resource, scenario }: { resource: Resource; scenario: Scenario }) {
  const info = RESOURCE_TYPES[resource.type];
  const arn = resourceArn(resource);
  const anyRule = scenario.rules.find((r) => r.targets.some((t) => t.resourceId === resource.id));
  const bus = anyRule ? scenario.resources.find((r) => r.id === anyRule.busId) : undefined;
  const kind = resource.type === 'kms-key' ? 'key' : 'resource';
  return (
    <>
      <TextField label={info.nameLabel} value={resource.name} validate={required} onCommit={(name) => edit((s) => updateResource(s, resource.id, (r) => ({ ...r, name })))} testId="inspector.name" />
      <TextField label="Region" value={resource.region} validate={(v) => (/^[a-z]{2}(-[a-z]+)+-\d$/.test(v) ? undefined : 'Looks like us-east-1')} onCommit={(region) => edit((s) => updateResource(s, resource.id, (r) => ({ ...r, region })))} />
      <CopyValue label="ARN" value={arn} />
      {info.policyName ? (
        <Section
          title={info.policyName}
          actions={
            <TemplateMenu
              kind={kind}
              label={resource.policy ? 'Replace with' : 'Add'}
              context={{ accountId: resource.accountId, resourceArn: arn, resourceType: resource.type, actions: info.commonActions, ...(anyRule && bus ? { ruleArn: ruleArn(anyRule, bus) } : {}) }}
              onPick={(_n, doc) => edit((s) => updateResource(s, resource.id, (r) => ({ ...r, policy: doc })))}
            />
          }
        >
          {resource.policy ? (
            <PolicyBlock
              ownerId={resource.id}
              kind={kind}
              name={info.policyName}
              doc={resource.policy}
              resourceType={resource.type}
              onChange={(doc) => edit((s) => updateResource(s, resource.id, (r) => ({ ...r, policy: doc })))}
              onRemove={() =>
                edit((s) =>
                  updateResource(s, resource.id, (r) => {
                    const { policy: _drop, ...rest } = r;
                    return rest;
                  }),
                )
              }
            />
          ) : (
            <p className="text-xs text-slate-600 dark:text-slate-400">No {info.policyName.toLowerCase()}: {resource.type === 'kms-key' ? 'nobody can use this key.' : 'only identity policies of its own account can grant access; other accounts cannot reach it.'}</p>
          )}
        </Section>
      ) : (
        <p className="text-xs text-slate-600 dark:text-slate-400">{info.label} has no resource-based policy: access comes from identity policies, and EventBridge reaches it through a role.</p>
      )}
    </>
  );
}

function RuleInspector({ rule, scenario }: { rule: EventRule; scenario: Scenario }) {
  const bus = scenario.resources.find((r) => r.id === rule.busId);
  const roles = scenario.principals.filter((p) => p.type === 'iam-role');
  return (
    <>
      <TextField label="Rule name" value={rule.name} validate={required} onCommit={(name) => edit((s) => updateRule(s, rule.id, (r) => ({ ...r, name })))} testId="inspector.name" />
      {bus && <CopyValue label="ARN (aws:SourceArn of its deliveries)" value={ruleArn(rule, bus)} />}
      <Section title="Targets">
        {rule.targets.length === 0 && <p className="text-xs text-slate-600 dark:text-slate-400">Drag from the rule's handle to a queue, topic, function, API, stream, state machine, task or document.</p>}
        {rule.targets.map((t) => {
          const target = scenario.resources.find((r) => r.id === t.resourceId);
          const delivery = target ? RESOURCE_TYPES[target.type].eventBridgeTarget : null;
          return (
            <div key={t.id} className="mb-2 rounded border border-slate-200 p-2 text-xs dark:border-slate-700">
              <div className="font-medium">{target?.name ?? t.resourceId}</div>
              <div className="text-slate-600 dark:text-slate-400">{delivery?.mode === 'role' ? `EventBridge must assume a role to call ${delivery.action}.` : `Delivered by resource policy (${delivery?.action ?? '—'}) as events.amazonaws.com.`}</div>
              <label className="mt-1 block">
                Role
                <select
                  className="ml-1 rounded border border-slate-300 bg-white px-1 py-0.5 dark:border-slate-600 dark:bg-slate-800"
                  value={t.roleId ?? ''}
                  aria-label={`Role for target ${target?.name ?? t.resourceId}`}
                  onChange={(e) =>
                    edit((s) =>
                      updateRule(s, rule.id, (r) => ({
                        ...r,
                        targets: r.targets.map((x) => (x.id === t.id ? (e.target.value ? { ...x, roleId: e.target.value } : { id: x.id, resourceId: x.resourceId }) : x)),
                      })),
                    )
                  }
                >
                  <option value="">none</option>
                  {roles.map((r) => (
                    <option key={r.id} value={r.id}>
                      {r.name}
                    </option>
                  ))}
                </select>
              </label>
            </div>
          );
        })}
      </Section>
    </>
  );
}

function ActionsEditor({ edge, scenario }: { edge: Edge & { kind: 'access' }; scenario: Scenario }) {
  const resource = scenario.resources.find((r) => r.id === edge.to);
  const common = resource ? RESOURCE_TYPES[resource.type].commonActions : [];
  const evaluation = useAppStore((s) => s.evaluation.edges.get(edge.id));
  const setActions = (actions: string[]) => edit((s) => updateEdge(s, edge.id, (e) => (e.kind === 'access' ? { ...e, actions } : e)));
  return (
    <Section title="Actions">
      <ul className="mb-1 flex flex-wrap gap-1">
        {edge.actions.map((a) => {
          const step = evaluation?.steps.find((s) => s.label === a);
          const look = DECISION_LOOK[step ? (step.decision.allowed ? 'allowed' : step.decision.decision === 'explicit-deny' ? 'explicit-deny' : 'implicit-deny') : 'invalid'];
          return (
            <li key={a} className={`flex items-center gap-1 rounded border px-1.5 py-0.5 text-[11px] ${look.chip}`}>
              <span>{a}</span>
              <span className="sr-only">{look.label}</span>
              <span aria-hidden="true">{step?.decision.allowed ? '✓' : '✕'}</span>
              {edge.actions.length > 1 && (
                <button type="button" aria-label={`Remove ${a}`} onClick={() => setActions(edge.actions.filter((x) => x !== a))} className="ml-0.5 font-bold">
                  ×
                </button>
              )}
            </li>
          );
        })}
      </ul>
      <div className="flex flex-wrap gap-1">
        {common
          .filter((a) => !edge.actions.includes(a))
          .map((a) => (
            <button key={a} type="button" className="rounded border border-dashed border-slate-400 px-1.5 py-0.5 text-[11px] hover:bg-slate-100 dark:hover:bg-slate-800" onClick={() => setActions([...edge.actions, a])}>
              + {a}
            </button>
          ))}
      </div>
      <TextField
        label="Add any action"
        value=""
        placeholder="service:Action"
        mono
        testId="inspector.add-action"
        validate={(v) => (v === '' ? undefined : ACTION.test(v) ? (edge.actions.includes(v) ? 'Already there.' : undefined) : 'Write service:Action, e.g. s3:GetObject.')}
        onCommit={(v) => v && setActions([...edge.actions, v])}
      />
    </Section>
  );
}

function EdgeInspector({ edge, scenario }: { edge: Edge; scenario: Scenario }) {
  const from = scenario.principals.find((p) => p.id === edge.from);
  const evaluation = useAppStore((s) => s.evaluation.edges.get(edge.id));
  return (
    <>
      <p className="mb-2 text-xs text-slate-600 dark:text-slate-400">
        {edge.kind === 'assume'
          ? `AssumeRole: ${from?.name ?? edge.from} becomes the role for the session, giving up its own permissions.`
          : from?.type === 'iam-role'
            ? `${from.name} acts as a role session: it has only the role's permissions.`
            : `${from?.name ?? edge.from} acts with its own identity and permissions.`}
      </p>
      {edge.kind === 'access' && <ActionsEditor edge={edge} scenario={scenario} />}
      {edge.kind === 'access' && (
        <TextField label="Resource path (S3 object key, API stage/METHOD/path)" value={edge.resourcePath ?? ''} mono placeholder="reports/out.csv" onCommit={(v) => edit((s) => updateEdge(s, edge.id, (e) => (e.kind === 'access' ? (v ? { ...e, resourcePath: v } : (({ resourcePath: _r, ...rest }) => rest)(e)) : e)))} />
      )}
      {edge.kind === 'assume' && (
        <>
          <TextField label="Session name" value={edge.sessionName ?? ''} placeholder="session" validate={(v) => (v === '' || /^[\w+=,.@-]{2,64}$/.test(v) ? undefined : '2–64 letters, digits or +=,.@-_')} onCommit={(v) => edit((s) => updateEdge(s, edge.id, (e) => (e.kind === 'assume' ? (v ? { ...e, sessionName: v } : (({ sessionName: _n, ...rest }) => rest)(e)) : e)))} />
          <TextField label="External id (sts:ExternalId)" value={edge.externalId ?? ''} onCommit={(v) => edit((s) => updateEdge(s, edge.id, (e) => (e.kind === 'assume' ? (v ? { ...e, externalId: v } : (({ externalId: _x, ...rest }) => rest)(e)) : e)))} />
        </>
      )}
      <Section title="Request context">
        <label className="flex items-center gap-2 text-xs">
          <input
            type="checkbox"
            checked={edge.context?.['aws:MultiFactorAuthPresent'] === 'true'}
            onChange={(e) =>
              edit((s) =>
                updateEdge(s, edge.id, (x) => {
                  const context = { ...(x.context ?? {}) };
                  if (e.target.checked) context['aws:MultiFactorAuthPresent'] = 'true';
                  else delete context['aws:MultiFactorAuthPresent'];
                  return { ...x, context };
                }),
              )
            }
          />
          Signed in with MFA (aws:MultiFactorAuthPresent)
        </label>
        <TextField
          label="Source IP (aws:SourceIp)"
          value={typeof edge.context?.['aws:SourceIp'] === 'string' ? edge.context['aws:SourceIp'] : ''}
          mono
          placeholder="203.0.113.10"
          validate={(v) => (v === '' || /^[0-9a-fA-F:.]+$/.test(v) ? undefined : 'An IPv4 or IPv6 address')}
          onCommit={(v) =>
            edit((s) =>
              updateEdge(s, edge.id, (x) => {
                const context = { ...(x.context ?? {}) };
                if (v) context['aws:SourceIp'] = v;
                else delete context['aws:SourceIp'];
                return { ...x, context };
              }),
            )
          }
        />
      </Section>
      {evaluation && (
        <Section title="Why">
          <Explanation edge={evaluation} />
        </Section>
      )}
    </>
  );
}

function TargetInspector({ targetId }: { targetId: string }) {
  const evaluation = useAppStore((s) => s.evaluation.edges.get(targetId));
  return evaluation ? (
    <Section title="Why">
      <Explanation edge={evaluation} />
    </Section>
  ) : null;
}

/** The side panel: what is selected, its ARN and policies, and for edges the explanation. */
export function Inspector() {
  const { scenario, selected } = useAppStore(useShallow((s) => ({ scenario: s.scenario, selected: s.selected })));
  const id = selected[0];
  const account = scenario.accounts.find((a) => a.id === id);
  const principal = scenario.principals.find((p) => p.id === id);
  const resource = scenario.resources.find((r) => r.id === id);
  const rule = scenario.rules.find((r) => r.id === id);
  const edge = scenario.edges.find((e) => e.id === id);
  const target = scenario.rules.flatMap((r) => r.targets).find((t) => t.id === id);
  let title = 'Inspector';
  let body = (
    <div className="space-y-2 text-sm text-slate-600 dark:text-slate-400">
      <p>Select an account, principal, resource or edge to inspect it.</p>
      <p>Click an edge to see, step by step in AWS's evaluation order, why it is allowed or denied.</p>
    </div>
  );
  if (selected.length > 1) body = <p className="text-sm">{selected.length} items selected. Delete removes them; Ctrl+D duplicates principals and resources.</p>;
  else if (account) {
    title = 'Account';
    body = <AccountInspector key={account.id} account={account} />;
  } else if (principal) {
    title = PRINCIPAL_LOOK[principal.type].label;
    body = <PrincipalInspector key={principal.id} principal={principal} scenario={scenario} />;
  } else if (resource) {
    title = RESOURCE_TYPES[resource.type].label;
    body = <ResourceInspector key={resource.id} resource={resource} scenario={scenario} />;
  } else if (rule) {
    title = 'EventBridge rule';
    body = <RuleInspector key={rule.id} rule={rule} scenario={scenario} />;
  } else if (edge) {
    title = edge.kind === 'assume' ? 'AssumeRole edge' : 'Access edge';
    body = <EdgeInspector key={edge.id} edge={edge} scenario={scenario} />;
  } else if (target) {
    title = 'EventBridge delivery';
    body = <TargetInspector targetId={target.id} />;
  }
  return (
    <aside aria-label="Inspector" className="w-96 shrink-0 overflow-y-auto border-l border-slate-200 bg-slate-50 p-4 dark:border-slate-800 dark:bg-slate-900" data-testid="inspector">
      <h2 className="mb-3 text-base font-semibold">{title}</h2>
      {body}
    </aside>
  );
}

