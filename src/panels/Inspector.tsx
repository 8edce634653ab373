import { lazy, Suspense, useEffect, useRef } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { PRINCIPAL_LOOK } from '../canvas/appearance';
import { RESOURCE_TYPES } from '../model';
import { useAppStore } from '../store/store';
import { Icon } from '../ui/icons';
import { LoadBoundary } from '../ui/LoadBoundary';
import { INSPECTOR_TITLE_ID } from './inspector/context';
import { usePanelLayout } from './usePanelLayout';

// What the inspector shows for a selection is loaded with the first selection of its kind: the first
// picture has none (README, "Initial JavaScript").
const AccountInspector = lazy(() => import('./inspector/AccountInspector').then((m) => ({ default: m.AccountInspector })));
const OrganizationInspector = lazy(() => import('./inspector/OrganizationInspector').then((m) => ({ default: m.OrganizationInspector })));
const PrincipalInspector = lazy(() => import('./inspector/EntityInspectors').then((m) => ({ default: m.PrincipalInspector })));
const ResourceInspector = lazy(() => import('./inspector/EntityInspectors').then((m) => ({ default: m.ResourceInspector })));
const RuleInspector = lazy(() => import('./inspector/EntityInspectors').then((m) => ({ default: m.RuleInspector })));
const GroupInspector = lazy(() => import('./inspector/IdentityInspectors').then((m) => ({ default: m.GroupInspector })));
const ManagedPolicyInspector = lazy(() => import('./inspector/IdentityInspectors').then((m) => ({ default: m.ManagedPolicyInspector })));
const EdgeInspector = lazy(() => import('./inspector/EdgeInspector').then((m) => ({ default: m.EdgeInspector })));
const Endpoints = lazy(() => import('./inspector/EdgeInspector').then((m) => ({ default: m.Endpoints })));
const NotDrawn = lazy(() => import('./import/NotDrawn').then((m) => ({ default: m.NotDrawn })));
const Explanation = lazy(() => import('./Explanation').then((m) => ({ default: m.Explanation })));

function Overview() {
  const { edges, verdicts } = useAppStore(useShallow((s) => ({ edges: s.scenario.edges.length + s.scenario.rules.reduce((n, r) => n + r.targets.length, 0), verdicts: s.verdicts })));
  const counts = { allowed: 0, denied: 0 };
  for (const v of verdicts.values()) {
    if (v.status === 'allowed') counts.allowed++;
    else counts.denied++;
  }
  return (
    <div className="space-y-2 text-sm text-slate-700 dark:text-slate-300">
      <p>Select an account, principal, resource, rule or edge to inspect and edit it.</p>
      <p>Click an edge or its label to see, step by step in AWS’s evaluation order, why it is allowed or denied.</p>
      {edges > 0 && (
        <p data-testid="inspector.counts">
          {edges} edge{edges === 1 ? '' : 's'}: {counts.allowed} allowed, {counts.denied} denied or partly denied.
        </p>
      )}
    </div>
  );
}

/** The side panel: what is selected, its ARN and policies, and for edges the explanation. */
export function Inspector() {
  const { scenario, selected } = useAppStore(useShallow((s) => ({ scenario: s.scenario, selected: s.selected })));
  const layout = usePanelLayout();
  // Hiding or showing the inspector swaps its button for another: keyboard focus follows to the new one.
  const toggle$ = useRef<HTMLButtonElement>(null);
  const refocus = useRef(false);
  useEffect(() => {
    if (!refocus.current) return;
    refocus.current = false;
    toggle$.current?.focus();
  }, [layout.inspector]);
  const toggle = (open: boolean): void => {
    refocus.current = true;
    layout.toggle('inspector', open);
  };
  const id = selected[0];
  const body$ = useRef<HTMLDivElement>(null);
  useEffect(() => {
    // A new selection starts at the top of the panel.
    body$.current?.scrollTo({ top: 0 });
  }, [id]);
  const account = scenario.accounts.find((a) => a.id === id);
  const org = scenario.organizations.find((o) => o.id === id);
  const principal = scenario.principals.find((p) => p.id === id);
  const resource = scenario.resources.find((r) => r.id === id);
  const rule = scenario.rules.find((r) => r.id === id);
  const group = scenario.groups.find((g) => g.id === id);
  const managed = scenario.managedPolicies.find((m) => m.id === id);
  const edge = scenario.edges.find((e) => e.id === id);
  const targetRule = scenario.rules.find((r) => r.targets.some((t) => t.id === id));
  const target = targetRule?.targets.find((t) => t.id === id);
  let title = 'Inspector';
  let body = <Overview />;
  if (selected.length > 1) {
    title = `${selected.length} selected`;
    body = <p className="text-sm">Delete removes them; Ctrl+D duplicates the principals and resources among them.</p>;
  } else if (account) {
    title = 'AWS account';
    body = <AccountInspector key={account.id} account={account} scenario={scenario} />;
  } else if (org) {
    title = 'Organization';
    body = <OrganizationInspector key={org.id} org={org} scenario={scenario} />;
  } else if (principal) {
    title = PRINCIPAL_LOOK[principal.type].label;
    body = (
      <>
        <NotDrawn id={principal.id} scenario={scenario} />
        <PrincipalInspector key={principal.id} principal={principal} scenario={scenario} />
      </>
    );
  } else if (resource) {
    title = RESOURCE_TYPES[resource.type].label;
    body = (
      <>
        <NotDrawn id={resource.id} scenario={scenario} />
        <ResourceInspector key={resource.id} resource={resource} scenario={scenario} />
      </>
    );
  } else if (group) {
    title = 'IAM group';
    body = <GroupInspector key={group.id} group={group} scenario={scenario} />;
  } else if (managed) {
    title = 'Managed policy';
    body = <ManagedPolicyInspector key={managed.id} policy={managed} scenario={scenario} />;
  } else if (rule) {
    title = 'EventBridge rule';
    body = <RuleInspector key={rule.id} rule={rule} scenario={scenario} />;
  } else if (edge) {
    title = edge.kind === 'assume' ? 'AssumeRole edge' : 'Access edge';
    body = <EdgeInspector key={edge.id} edge={edge} scenario={scenario} />;
  } else if (target && targetRule) {
    title = 'EventBridge delivery';
    body = (
      <>
        <Endpoints from={targetRule.id} to={target.resourceId} scenario={scenario} />
        <Explanation edgeId={target.id} />
        <p className="mt-3 text-xs text-slate-700 dark:text-slate-300">
          Change how EventBridge delivers (the role it assumes{scenario.resources.find((r) => r.id === target.resourceId)?.type === 'apigateway-rest-api' ? '; the stage, method and path it invokes' : ''}) on the{' '}
          <button type="button" className="link" onClick={() => useAppStore.getState().select([targetRule.id])}>
            rule {targetRule.name}
          </button>
          .
        </p>
      </>
    );
  }
  // The canvas refits itself when a panel changes width (src/app/App.tsx).
  if (layout.inspector === 'rail') {
    return (
      <aside aria-label="Inspector" className="flex w-10 shrink-0 flex-col items-center border-l border-slate-200 bg-slate-50 py-2 dark:border-slate-800 dark:bg-slate-900" data-testid="inspector" data-mode="rail">
        <button type="button" className="rounded p-1 hover:bg-slate-200 dark:hover:bg-slate-800" aria-label="Show the inspector" aria-expanded="false" title="Show the inspector" data-testid="inspector.toggle" ref={toggle$} onClick={() => toggle(true)}>
          <Icon name="chevronLeft" className="h-4 w-4" />
        </button>
        {selected.length > 0 && <span className="mt-2 rounded bg-sky-100 px-1 text-[11px] text-sky-900 dark:bg-sky-900 dark:text-sky-100">{selected.length}</span>}
      </aside>
    );
  }
  return (
    <aside aria-label="Inspector" className={`flex shrink-0 flex-col border-l border-slate-200 bg-slate-50 dark:border-slate-800 dark:bg-slate-900 ${layout.inspector === 'wide' ? 'w-[22rem]' : 'w-[19rem]'}`} data-testid="inspector" data-mode={layout.inspector}>
      <div className="flex items-center gap-2 border-b border-slate-200 px-4 py-2.5 dark:border-slate-800">
        <h2 id={INSPECTOR_TITLE_ID} tabIndex={-1} className="text-base font-semibold" data-testid="inspector.title">
          {title}
        </h2>
        <button type="button" className="ml-auto rounded p-1 hover:bg-slate-200 dark:hover:bg-slate-800" aria-label="Hide the inspector" aria-expanded="true" title="Hide the inspector" data-testid="inspector.toggle" ref={toggle$} onClick={() => toggle(false)}>
          <Icon name="chevronRight" className="h-4 w-4" />
        </button>
      </div>
      <div ref={body$} className="min-h-0 flex-1 overflow-y-auto p-4">
        <LoadBoundary key={id} what="inspector">
          <Suspense
            fallback={
              <p role="status" className="text-sm text-slate-600 dark:text-slate-400" data-testid="inspector.loading">
                Loading…
              </p>
            }
          >
            {body}
          </Suspense>
        </LoadBoundary>
      </div>
    </aside>
  );
}
