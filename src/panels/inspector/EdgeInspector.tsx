import { lazy, Suspense } from 'react';
import { DECISION_LOOK } from '../../canvas/appearance';
import { principalName } from '../../graph/toFlow';
import { stepStatus } from '../../graph/verdict';
import { DEFAULT_SESSION_NAME, RESOURCE_TYPES, sessionLabel, updateEdge, type Edge, type ResourceType, type Scenario } from '../../model';
import { useAppStore } from '../../store/store';
import { Section, TextField } from '../../ui/Field';
import { Explanation } from '../Explanation';
import { PolicyBlock, TemplateMenu } from '../PolicyList';
import { templateContext } from './context';
import { LoadBoundary } from '../../ui/LoadBoundary';

const edit = (f: (s: Scenario) => Scenario) => useAppStore.getState().edit(f);
/** Checks action names against the services' action lists: loaded on demand, like the policy checks. */
const ActionAdvice = lazy(() => import('../policy/ActionAdvice'));
const ACTION = /^(\*|[a-zA-Z0-9-]+:[a-zA-Z0-9*?]+)$/;

/** "alice → bucket-b", each end a button that selects it. */
export function Endpoints({ from, to, scenario }: { from: string; to: string; scenario: Scenario }) {
  const name = (id: string) => {
    const p = scenario.principals.find((x) => x.id === id);
    if (p) return principalName(p);
    const r = scenario.resources.find((x) => x.id === id);
    if (r) return r.name;
    return scenario.rules.find((x) => x.id === id)?.name ?? id;
  };
  return (
    <p className="mb-3 flex flex-wrap items-center gap-1 text-sm font-medium">
      <button type="button" className="link" onClick={() => useAppStore.getState().select([from])}>
        {name(from)}
      </button>
      <span aria-hidden="true">→</span>
      <span className="sr-only">to</span>
      <button type="button" className="link" onClick={() => useAppStore.getState().select([to])}>
        {name(to)}
      </button>
    </p>
  );
}

function ActionsEditor({ edge, scenario }: { edge: Edge & { kind: 'access' }; scenario: Scenario }) {
  const resource = scenario.resources.find((r) => r.id === edge.to);
  const common = resource ? RESOURCE_TYPES[resource.type].commonActions : [];
  const service = resource ? RESOURCE_TYPES[resource.type].service : undefined;
  const verdict = useAppStore((s) => s.verdicts.get(edge.id));
  const setActions = (actions: string[]) => edit((s) => updateEdge(s, edge.id, (e) => (e.kind === 'access' ? { ...e, actions } : e)));
  return (
    <Section title="Actions">
      <ul className="mb-1.5 flex flex-wrap gap-1" aria-label="Actions on this edge">
        {edge.actions.map((a) => {
          const step = verdict?.steps.find((s) => s.label === a);
          const look = DECISION_LOOK[step ? stepStatus(step) : 'pending'];
          return (
            <li key={a} className={`flex items-center gap-1 rounded border px-1.5 py-0.5 text-xs ${look.chip}`} data-testid={`action.${a}`} data-decision={step ? stepStatus(step) : 'pending'}>
              <span>{a}</span>
              <span aria-hidden="true">{look.mark}</span>
              <span className="sr-only">{look.label}</span>
              {edge.actions.length > 1 && (
                <button type="button" aria-label={`Remove ${a}`} onClick={() => setActions(edge.actions.filter((x) => x !== a))} className="ml-0.5 rounded px-0.5 font-bold hover:bg-black/10">
                  ×
                </button>
              )}
            </li>
          );
        })}
      </ul>
      <LoadBoundary what="action advice">
      <Suspense fallback={null}>
        <ActionAdvice actions={edge.actions} onReplace={(from, to) => setActions(edge.actions.includes(to) ? edge.actions.filter((x) => x !== from) : edge.actions.map((x) => (x === from ? to : x)))} />
      </Suspense>
      </LoadBoundary>
      <div className="mb-1 flex flex-wrap gap-1">
        {common
          .filter((a) => !edge.actions.includes(a))
          .map((a) => (
            <button key={a} type="button" className="rounded border border-dashed border-slate-500 px-1.5 py-0.5 text-xs hover:bg-slate-100 dark:hover:bg-slate-800" onClick={() => setActions([...edge.actions, a])} aria-label={`Add action ${a}`}>
              + {a}
            </button>
          ))}
      </div>
      <TextField
        label="Add any action"
        value=""
        placeholder={`${service ?? 'service'}:Action`}
        mono
        testId="inspector.add-action"
        validate={(v) =>
          v === ''
            ? undefined
            : !ACTION.test(v)
              ? 'Write service:Action, e.g. s3:GetObject.'
              : edge.actions.includes(v)
                ? 'Already there.'
                : undefined
        }
        onCommit={(v) => v && setActions([...edge.actions, v])}
      />
      {service && edge.actions.some((a) => a !== '*' && !a.toLowerCase().startsWith(`${service}:`)) && (
        <p className="text-xs text-amber-800 dark:text-amber-300">Some actions are not {service}: actions; they will not match this {resource ? RESOURCE_TYPES[resource.type].label : 'resource'}’s policies as you may expect.</p>
      )}
    </Section>
  );
}

function ContextEditor({ edge }: { edge: Edge }) {
  const set = (key: string, value: string | undefined) =>
    edit((s) =>
      updateEdge(s, edge.id, (x) => {
        const context = { ...(x.context ?? {}) };
        if (value) context[key] = value;
        else delete context[key];
        return { ...x, context };
      }),
    );
  return (
    <Section title="Request context">
      <label className="mb-2 flex items-center gap-2 text-xs">
        <input type="checkbox" checked={edge.context?.['aws:MultiFactorAuthPresent'] === 'true'} onChange={(e) => set('aws:MultiFactorAuthPresent', e.target.checked ? 'true' : undefined)} />
        Signed in with MFA (aws:MultiFactorAuthPresent)
      </label>
      <TextField
        label="Source IP (aws:SourceIp)"
        value={typeof edge.context?.['aws:SourceIp'] === 'string' ? edge.context['aws:SourceIp'] : ''}
        mono
        placeholder="203.0.113.10"
        validate={(v) => (v === '' || /^[0-9a-fA-F:.]+$/.test(v) ? undefined : 'An IPv4 or IPv6 address')}
        onCommit={(v) => set('aws:SourceIp', v || undefined)}
      />
    </Section>
  );
}

/**
 * Resource types whose ARN takes a path below the resource, and what it is: an S3 object key
 * (arn:aws:s3:::BUCKET/KEY), an API Gateway stage/METHOD/path (arn:aws:execute-api:…:API/STAGE/METHOD/PATH),
 * a DynamoDB index or stream (…:table/NAME/index/INDEX). Other types have no sub-resource to name.
 */
const RESOURCE_PATH_FIELD: Partial<Record<ResourceType, { readonly label: string; readonly placeholder: string }>> = {
  's3-bucket': { label: 'Object key (for S3 object actions)', placeholder: 'reports/out.csv' },
  'apigateway-rest-api': { label: 'Stage/METHOD/path (API Gateway)', placeholder: 'prod/GET/orders' },
  'dynamodb-table': { label: 'Index or stream (DynamoDB)', placeholder: 'index/by-date' },
};

export function EdgeInspector({ edge, scenario }: { edge: Edge; scenario: Scenario }) {
  const from = scenario.principals.find((p) => p.id === edge.from);
  const fromRole = from?.type === 'iam-role';
  const role = edge.kind === 'assume' ? scenario.principals.find((p) => p.id === edge.to) : from;
  // Named as the journey and the explanation name it: ROLE/SESSION-NAME, the end of the session ARN.
  const session = role ? sessionLabel(role.name, (edge.kind === 'assume' ? edge.sessionName : undefined) ?? DEFAULT_SESSION_NAME) : undefined;
  return (
    <>
      <Endpoints from={edge.from} to={edge.to} scenario={scenario} />
      <p className="mb-3 text-xs text-slate-700 dark:text-slate-300">
        {edge.kind === 'assume'
          ? `AssumeRole: ${from ? principalName(from) : edge.from} becomes the session ${session ?? 'of the role'} and acts with the role’s permissions only — its own are set aside.`
          : fromRole
            ? `${from ? principalName(from) : edge.from} acts as its session ${session ?? ''}: only the role’s permissions (and a session policy, if any) count.`
            : `${from ? principalName(from) : edge.from} keeps its own identity and permissions: the resource’s policy and its identity policies are evaluated together.`}
      </p>
      <Section title="Why">
        <Explanation edgeId={edge.id} />
      </Section>
      {edge.kind === 'access' && <ActionsEditor edge={edge} scenario={scenario} />}
      {edge.kind === 'access' && (() => {
        const target = scenario.resources.find((r) => r.id === edge.to);
        const path = target ? RESOURCE_PATH_FIELD[target.type] : undefined;
        // A path kept on a resource where it means nothing (an old file) still shows, so it can be cleared.
        if (!path && !edge.resourcePath) return null;
        return (
          <TextField
            label={path?.label ?? 'Resource path (not used by this resource type: clear it)'}
            value={edge.resourcePath ?? ''}
            mono
            placeholder={path?.placeholder ?? ''}
            onCommit={(v) => edit((s) => updateEdge(s, edge.id, (e) => (e.kind === 'access' ? (v ? { ...e, resourcePath: v } : (({ resourcePath: _r, ...rest }) => rest)(e)) : e)))}
          />
        );
      })()}
      {edge.kind === 'assume' && (
        <>
          <TextField
            label="Session name"
            value={edge.sessionName ?? ''}
            placeholder={DEFAULT_SESSION_NAME}
            validate={(v) => (v === '' || /^[\w+=,.@-]{2,64}$/.test(v) ? undefined : '2–64 letters, digits or +=,.@-_')}
            onCommit={(v) => edit((s) => updateEdge(s, edge.id, (e) => (e.kind === 'assume' ? (v ? { ...e, sessionName: v } : (({ sessionName: _n, ...rest }) => rest)(e)) : e)))}
          />
          <TextField
            label="External id (sts:ExternalId)"
            value={edge.externalId ?? ''}
            testId="inspector.external-id"
            onCommit={(v) => edit((s) => updateEdge(s, edge.id, (e) => (e.kind === 'assume' ? (v ? { ...e, externalId: v } : (({ externalId: _x, ...rest }) => rest)(e)) : e)))}
          />
        </>
      )}
      {edge.kind === 'access' && fromRole && (
        <Section
          title="Session policy"
          actions={!edge.sessionPolicy && <TemplateMenu kind="session" label="Set" context={templateContext(scenario, edge.from, edge.id)} onPick={(_n, doc) => edit((s) => updateEdge(s, edge.id, (e) => ({ ...e, sessionPolicy: doc })))} />}
        >
          {edge.sessionPolicy ? (
            <PolicyBlock
              ownerId={edge.id}
              kind="session"
              name="Session policy"
              doc={edge.sessionPolicy}
              onChange={(doc) => edit((s) => updateEdge(s, edge.id, (e) => ({ ...e, sessionPolicy: doc })))}
              onRemove={() => edit((s) => updateEdge(s, edge.id, (e) => (({ sessionPolicy: _p, ...rest }) => rest as Edge)(e)))}
            />
          ) : (
            <p className="text-xs text-slate-700 dark:text-slate-300">None. A session policy passed to AssumeRole caps what this session may do below the role’s own permissions.</p>
          )}
        </Section>
      )}
      <ContextEditor edge={edge} />
    </>
  );
}
