import { principalName } from '../../graph/toFlow';
import {
  API_INVOKE_PATH,
  API_INVOKE_PATH_MESSAGE,
  moveRule,
  moveToAccount,
  principalArn,
  resourceArn,
  ruleArn,
  layoutOf,
  RESOURCE_TYPES,
  updatePrincipal,
  updateResource,
  updateRule,
  type EventRule,
  type Principal,
  type Resource,
  type RuleTarget,
  type Scenario,
} from '../../model';
import { useAppStore } from '../../store/store';
import { CopyValue, SelectField, Section, TextField } from '../../ui/Field';
import { PolicyBlock, TemplateMenu } from '../PolicyList';
import { ConnectTo } from './ConnectTo';
import { PrincipalIdentityLinks } from './IdentityInspectors';
import { LeastPrivilegeButton } from './LeastPrivilegeButton';
import { templateContext } from './context';

const edit = (f: (s: Scenario) => Scenario) => useAppStore.getState().edit(f);

const SERVICE_NAMES: Record<string, string> = { events: 'EventBridge', sns: 'SNS', sqs: 'SQS', lambda: 'Lambda', s3: 'S3', logs: 'CloudWatch Logs', cloudtrail: 'CloudTrail', config: 'AWS Config', apigateway: 'API Gateway', states: 'Step Functions', ecs: 'ECS', ssm: 'Systems Manager' };

/** The name a service principal gets by default: "EventBridge" for events.amazonaws.com. */
export function defaultServiceName(service: string): string {
  const prefix = service.split('.')[0] ?? service;
  return SERVICE_NAMES[prefix] ?? prefix;
}
const required = (v: string) => (v.trim() === '' ? 'Required.' : undefined);

/** A policy name not yet used by the principal: `AllowPublishOnAlerts`, `AllowPublishOnAlerts2`, … (IAM names take no spaces). */
function uniqueName(existing: readonly string[], base: string): string {
  if (!existing.includes(base)) return base;
  for (let n = 2; ; n++) if (!existing.includes(`${base}${n}`)) return `${base}${n}`;
}

function AccountPicker({ id, accountId, scenario, what }: { id: string; accountId: string; scenario: Scenario; what: string }) {
  return (
    <SelectField
      label="Account"
      hint={`Moving the ${what} to another account changes its ARN.`}
      value={accountId}
      testId="inspector.account"
      options={scenario.accounts.map((a) => ({ value: a.id, label: `${a.name} (${a.id})` }))}
      onChange={(value) => edit((s) => moveToAccount(s, id, value, layoutOf(s.layout, id) ?? { x: 16, y: 56 }))}
    />
  );
}

type IamPrincipal = Extract<Principal, { type: 'iam-user' | 'iam-role' }>;
const iam = (id: string, f: (p: IamPrincipal) => IamPrincipal) => edit((s) => updatePrincipal(s, id, (p) => (p.type === 'iam-user' || p.type === 'iam-role' ? f(p) : p)));

export function PrincipalInspector({ principal, scenario }: { principal: Principal; scenario: Scenario }) {
  const context = templateContext(scenario, principal.id);
  if (principal.type === 'service') {
    return (
      <>
        <TextField
          label="Service principal"
          value={principal.service}
          mono
          testId="inspector.service"
          validate={(v) => (/^[a-z0-9.-]+\.amazonaws\.com(\.cn)?$/.test(v) ? undefined : 'Looks like events.amazonaws.com')}
          onCommit={(service) =>
            edit((s) =>
              updatePrincipal(s, principal.id, (p) =>
                // A name the user gave stays; one that only repeated the old service follows the new one.
                p.type === 'service' ? { ...p, service, name: p.name === defaultServiceName(p.service) || p.name === p.service || p.name.trim() === '' ? defaultServiceName(service) : p.name } : p,
              ),
            )
          }
        />
        <TextField
          label="Name on the canvas"
          hint="What this call is, for the people reading the diagram: “EventBridge, acting for C’s rule”."
          value={principal.name}
          testId="inspector.name"
          validate={(v) => (v.trim() === '' ? 'Required.' : v.length > 64 ? 'At most 64 characters.' : undefined)}
          onCommit={(name) => edit((s) => updatePrincipal(s, principal.id, (p) => (p.type === 'service' ? { ...p, name: name.trim() } : p)))}
        />
        <p className="text-xs text-slate-700 dark:text-slate-300">AWS services have no identity policies: a resource policy or a role’s trust policy must name them. SCPs do not apply to them.</p>
        <ConnectTo sourceId={principal.id} scenario={scenario} />
      </>
    );
  }
  return (
    <>
      {principal.type !== 'account-root' && (
        <TextField
          label={principal.type === 'iam-user' ? 'User name' : 'Role name'}
          value={principal.name}
          validate={(v) => required(v) ?? (/^[\w+=,.@-]{1,64}$/.test(v) ? undefined : 'Letters, digits and +=,.@-_ only (max 64).')}
          onCommit={(name) => edit((s) => updatePrincipal(s, principal.id, (p) => ({ ...p, name })))}
          testId="inspector.name"
        />
      )}
      <AccountPicker id={principal.id} accountId={principal.accountId} scenario={scenario} what={principal.type === 'iam-user' ? 'user' : principal.type === 'iam-role' ? 'role' : 'root user'} />
      <CopyValue label="ARN" value={principalArn(principal)} />
      {principal.type === 'account-root' && (
        <p className="mb-2 text-xs text-slate-700 dark:text-slate-300">The root user has every permission of its account. Only SCPs and explicit denies limit it; KMS key policies and trust policies must still name the account.</p>
      )}
      {(principal.type === 'iam-user' || principal.type === 'iam-role') && (
        <>
          {principal.type === 'iam-role' && (
            <Section title="Trust policy" actions={<TemplateMenu kind="trust" label="Replace with" context={context} onPick={(_n, doc) => iam(principal.id, (p) => (p.type === 'iam-role' ? { ...p, trustPolicy: doc } : p))} />}>
              <p className="mb-1 text-xs text-slate-700 dark:text-slate-300">Who may assume this role.</p>
              <PolicyBlock ownerId={principal.id} kind="trust" name="Trust policy" doc={principal.trustPolicy} onChange={(doc) => iam(principal.id, (p) => (p.type === 'iam-role' ? { ...p, trustPolicy: doc } : p))} />
            </Section>
          )}
          <Section
            title="Identity policies"
            actions={<TemplateMenu kind="identity" label="Add" context={context} onPick={(name, doc) => iam(principal.id, (p) => ({ ...p, policies: [...p.policies, { name: uniqueName(p.policies.map((x) => x.name), name), document: doc }] }))} />}
          >
            {principal.policies.length === 0 && !principal.managedPolicyIds?.length && !(principal.type === 'iam-user' && principal.groupIds?.length) && (
              <p className="text-xs text-slate-700 dark:text-slate-300" data-testid="inspector.no-identity-policy">
                No identity policies: this {principal.type === 'iam-user' ? 'user' : 'role'} may do nothing on its own. Add one from the menu.
              </p>
            )}
            {principal.policies.map((np, i) => (
              <PolicyBlock
                key={np.name}
                ownerId={principal.id}
                kind="identity"
                name={np.name}
                doc={np.document}
                onRename={(name) => iam(principal.id, (p) => ({ ...p, policies: p.policies.map((x, j) => (j === i ? { ...x, name: uniqueName(p.policies.filter((_y, k) => k !== i).map((y) => y.name), name) } : x)) }))}
                onChange={(doc) => iam(principal.id, (p) => ({ ...p, policies: p.policies.map((x, j) => (j === i ? { ...x, document: doc } : x)) }))}
                onRemove={() => iam(principal.id, (p) => ({ ...p, policies: p.policies.filter((_x, j) => j !== i) }))}
              />
            ))}
          </Section>
          <PrincipalIdentityLinks principal={principal} scenario={scenario} />
          <LeastPrivilegeButton principalId={principal.id} />
          <Section
            title="Permissions boundary"
            actions={!principal.permissionsBoundary && principal.boundaryPolicyId === undefined && <TemplateMenu kind="boundary" label="Set" context={context} onPick={(_n, doc) => iam(principal.id, (p) => ({ ...p, permissionsBoundary: doc }))} />}
          >
            {principal.permissionsBoundary ? (
              <PolicyBlock
                ownerId={principal.id}
                kind="boundary"
                name="Permissions boundary"
                doc={principal.permissionsBoundary}
                onChange={(doc) => iam(principal.id, (p) => ({ ...p, permissionsBoundary: doc }))}
                onRemove={() =>
                  iam(principal.id, (p) => {
                    const { permissionsBoundary: _drop, ...rest } = p;
                    return rest as IamPrincipal;
                  })
                }
              />
            ) : principal.boundaryPolicyId !== undefined ? (
              <p className="text-xs text-slate-700 dark:text-slate-300">Set from a managed policy (above).</p>
            ) : (
              <p className="text-xs text-slate-700 dark:text-slate-300">None: the identity policies alone set what it may do.</p>
            )}
          </Section>
        </>
      )}
      <ConnectTo sourceId={principal.id} scenario={scenario} />
    </>
  );
}

export function ResourceInspector({ resource, scenario }: { resource: Resource; scenario: Scenario }) {
  const info = RESOURCE_TYPES[resource.type];
  const kind = resource.type === 'kms-key' ? 'key' : 'resource';
  const context = templateContext(scenario, resource.id);
  const rules = resource.type === 'events-bus' ? scenario.rules.filter((r) => r.busId === resource.id) : [];
  return (
    <>
      <TextField label={info.nameLabel} value={resource.name} validate={required} onCommit={(name) => edit((s) => updateResource(s, resource.id, (r) => ({ ...r, name })))} testId="inspector.name" />
      <AccountPicker id={resource.id} accountId={resource.accountId} scenario={scenario} what={info.label} />
      <TextField label="Region" value={resource.region} validate={(v) => (/^[a-z]{2}(-[a-z]+)+-\d$/.test(v) ? undefined : 'Looks like us-east-1')} onCommit={(region) => edit((s) => updateResource(s, resource.id, (r) => ({ ...r, region })))} />
      <CopyValue label="ARN" value={resourceArn(resource)} />
      {resource.type === 'events-bus' && (
        <Section title="Rules on this bus">
          {rules.length === 0 ? (
            <p className="text-xs text-slate-700 dark:text-slate-300">None yet: add a “Rule on a bus” from the palette and drop it on this bus.</p>
          ) : (
            <ul className="space-y-1 text-sm">
              {rules.map((r) => (
                <li key={r.id}>
                  <button type="button" className="link" onClick={() => useAppStore.getState().select([r.id])}>
                    {r.name}
                  </button>{' '}
                  <span className="text-xs text-slate-600 dark:text-slate-400">
                    → {r.targets.length} target{r.targets.length === 1 ? '' : 's'}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </Section>
      )}
      {info.policyName ? (
        <Section title={info.policyName} actions={<TemplateMenu kind={kind} label={resource.policy ? 'Replace with' : 'Add'} context={context} onPick={(_n, doc) => edit((s) => updateResource(s, resource.id, (r) => ({ ...r, policy: doc })))} />}>
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
            <p className="text-xs text-slate-700 dark:text-slate-300" data-testid="inspector.no-resource-policy">
              No {info.policyName.toLowerCase()}: {resource.type === 'kms-key' ? 'nobody can use this key.' : 'only identity policies of its own account can grant access; other accounts cannot reach it.'}
            </p>
          )}
        </Section>
      ) : (
        <p className="text-xs text-slate-700 dark:text-slate-300">{info.label} has no resource-based policy: access comes from identity policies, and EventBridge reaches it through a role.</p>
      )}
    </>
  );
}

/** Applies `patch` to one target of a rule (an undoable edit). */
function editTarget(ruleId: string, targetId: string, patch: (t: RuleTarget) => RuleTarget): void {
  edit((s) => updateRule(s, ruleId, (r) => ({ ...r, targets: r.targets.map((x) => (x.id === targetId ? patch(x) : x)) })));
}

/**
 * The stage, method and path EventBridge invokes on an API Gateway target: the target is an endpoint ARN
 * `arn:aws:execute-api:REGION:ACCOUNT:API_ID/STAGE/METHOD/PATH` (EventBridge User Guide: "Amazon API Gateway
 * targets for rules in Amazon EventBridge"), and the API's policy must grant that ARN.
 */
function ApiTargetPath({ rule, target, api }: { rule: EventRule; target: RuleTarget; api: Resource }) {
  return (
    <div className="mt-2">
      <TextField
        label="Stage, method and path invoked"
        value={target.resourcePath ?? ''}
        mono
        placeholder="prod/POST/orders"
        testId={`inspector.target-path.${target.id}`}
        validate={(v) => (v === '' || API_INVOKE_PATH.test(v) ? undefined : `${API_INVOKE_PATH_MESSAGE}.`)}
        onCommit={(v) => editTarget(rule.id, target.id, (t) => (v ? { ...t, resourcePath: v } : (({ resourcePath: _p, ...rest }) => rest)(t)))}
      />
      <p className="-mt-1 break-all text-[11px] text-slate-700 dark:text-slate-300" data-testid={`inspector.target-arn.${target.id}`}>
        {target.resourcePath ? (
          <>
            EventBridge calls execute-api:Invoke on <code>{resourceArn(api, target.resourcePath)}</code>; the API’s policy must grant it.
          </>
        ) : (
          <>Not set: the request names the API itself, which a policy granting a stage, method or path (…/prod/POST/orders, …/*) does not match.</>
        )}
      </p>
    </div>
  );
}

export function RuleInspector({ rule, scenario }: { rule: EventRule; scenario: Scenario }) {
  const bus = scenario.resources.find((r) => r.id === rule.busId);
  const roles = scenario.principals.filter((p) => p.type === 'iam-role');
  const buses = scenario.resources.filter((r) => r.type === 'events-bus');
  return (
    <>
      <TextField label="Rule name" value={rule.name} validate={(v) => required(v) ?? (/^[\w.-]{1,64}$/.test(v) ? undefined : 'Letters, digits and . - _ only (max 64).')} onCommit={(name) => edit((s) => updateRule(s, rule.id, (r) => ({ ...r, name })))} testId="inspector.name" />
      <SelectField
        label="On event bus"
        hint="The rule’s ARN, which targets see as aws:SourceArn, names its bus."
        value={rule.busId}
        options={buses.map((b) => ({ value: b.id, label: `${b.name} (${b.accountId})` }))}
        onChange={(busId) => edit((s) => (((r) => ('error' in r ? s : r))(moveRule(s, rule.id, busId))))}
      />
      {bus && <CopyValue label="ARN (aws:SourceArn of its deliveries)" value={ruleArn(rule, bus)} />}
      {rule.eventPattern && (
        <div className="mb-3">
          <span className="block text-xs font-medium text-slate-700 dark:text-slate-300">Event pattern</span>
          <pre className="mt-0.5 overflow-x-auto rounded bg-slate-100 p-1.5 text-[11px] dark:bg-slate-800">{JSON.stringify(rule.eventPattern, null, 2)}</pre>
        </div>
      )}
      <Section title="Targets">
        {rule.targets.length === 0 && <p className="text-xs text-slate-700 dark:text-slate-300">Drag from the rule’s right-hand dot to a queue, topic, function, API, stream, state machine, task or document — or add one below.</p>}
        {rule.targets.map((t) => {
          const target = scenario.resources.find((r) => r.id === t.resourceId);
          const delivery = target ? RESOURCE_TYPES[target.type].eventBridgeTarget : null;
          return (
            <div key={t.id} className="mb-2 rounded border border-slate-300 p-2 text-xs dark:border-slate-700">
              <button type="button" className="link font-medium" onClick={() => useAppStore.getState().select([t.id])}>
                {target?.name ?? t.resourceId}
              </button>
              <div className="text-slate-700 dark:text-slate-300">
                {delivery?.mode === 'role' ? `EventBridge must assume a role to call ${delivery.action}.` : `Delivered by resource policy (${delivery?.action ?? '—'}) as events.amazonaws.com; a role is optional.`}
              </div>
              <SelectField
                label="Role EventBridge assumes"
                value={t.roleId ?? ''}
                options={[{ value: '', label: 'none' }, ...roles.map((r) => ({ value: r.id, label: `${principalName(r)}${r.type === 'iam-role' ? ` (${r.accountId})` : ''}` }))]}
                onChange={(value) => editTarget(rule.id, t.id, (x) => (value ? { ...x, roleId: value } : (({ roleId: _r, ...rest }) => rest)(x)))}
              />
              {target?.type === 'apigateway-rest-api' && <ApiTargetPath rule={rule} target={t} api={target} />}
            </div>
          );
        })}
      </Section>
      <ConnectTo sourceId={rule.id} scenario={scenario} />
    </>
  );
}
