import type { Account, Organization, OrgPolicy, Scenario } from '../model';
import { useAppStore } from '../store/store';
import { Section } from '../ui/Field';
import { PolicyBlock, TemplateMenu } from './PolicyList';

const edit = (f: (s: Scenario) => Scenario) => useAppStore.getState().edit(f);
const FULL_SCP = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] };
const FULL_RCP = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' }] };

function updateOrg(s: Scenario, id: string, f: (o: Organization) => Organization): Scenario {
  return { ...s, organizations: s.organizations.map((o) => (o.id === id ? f(o) : o)) };
}

function freshOrgId(s: Scenario): string {
  for (let n = 1; ; n++) {
    const id = `o-example${String(n).padStart(3, '0')}`;
    if (!s.organizations.some((o) => o.id === id)) return id;
  }
}

/** Creates an organization managed by `accountId`, with FullAWSAccess attached as AWS does by default. */
function createOrganization(s: Scenario, accountId: string): Scenario {
  const id = freshOrgId(s);
  const rootId = `r-${id.slice(-4)}`;
  const org: Organization = {
    id,
    name: `Organization ${s.organizations.length + 1}`,
    rootId,
    managementAccountId: accountId,
    ous: [],
    policies: [{ id: `${id}-scp-full`, name: 'FullAWSAccess', type: 'scp', document: FULL_SCP, targets: [rootId, accountId] }],
  };
  return { ...s, organizations: [...s.organizations, org], accounts: s.accounts.map((a) => (a.id === accountId ? { ...a, organizationId: id } : a)) };
}

/** Joins an account to an organization; the default full-access policies are attached to it too. */
function join(s: Scenario, accountId: string, orgId: string): Scenario {
  const next = updateOrg(s, orgId, (o) => ({
    ...o,
    policies: o.policies.map((p) => ((p.name === 'FullAWSAccess' || p.name === 'RCPFullAWSAccess') && p.targets.includes(o.rootId) ? { ...p, targets: [...p.targets, accountId] } : p)),
  }));
  return { ...next, accounts: next.accounts.map((a) => (a.id === accountId ? { ...a, organizationId: orgId } : a)) };
}

function leave(s: Scenario, accountId: string, orgId: string): Scenario {
  const next = updateOrg(s, orgId, (o) => ({ ...o, policies: o.policies.map((p) => (p.targets.includes(accountId) ? { ...p, targets: p.targets.filter((t) => t !== accountId) } : p)) }));
  return { ...next, accounts: next.accounts.map((a) => (a.id === accountId ? { id: a.id, name: a.name } : a)) };
}

function PolicyTargets({ org, policy, members }: { org: Organization; policy: OrgPolicy; members: Account[] }) {
  const levels = [{ id: org.rootId, label: 'Root' }, ...members.map((a) => ({ id: a.id, label: `${a.name} (${a.id})` }))];
  return (
    <fieldset className="mb-1 text-[11px]">
      <legend className="font-medium">Attached to</legend>
      {levels.map((l) => (
        <label key={l.id} className="mr-2 inline-flex items-center gap-1">
          <input
            type="checkbox"
            checked={policy.targets.includes(l.id)}
            onChange={(e) =>
              edit((s) =>
                updateOrg(s, org.id, (o) => ({
                  ...o,
                  policies: o.policies.map((p) => (p.id === policy.id ? { ...p, targets: e.target.checked ? [...p.targets, l.id] : p.targets.filter((t) => t !== l.id) } : p)),
                })),
              )
            }
          />
          {l.label}
        </label>
      ))}
    </fieldset>
  );
}

/** Organization membership of an account, and the organization's SCPs and RCPs. */
export function OrganizationPanel({ account }: { account: Account }) {
  const scenario = useAppStore((s) => s.scenario);
  const org = scenario.organizations.find((o) => o.id === account.organizationId);
  if (!org) {
    return (
      <Section title="Organization">
        <p className="mb-2 text-xs text-slate-600 dark:text-slate-400">Standalone account: no SCPs or RCPs apply.</p>
        <div className="flex flex-wrap gap-2">
          <button type="button" className="rounded border border-slate-300 px-2 py-1 text-xs hover:bg-slate-100 dark:border-slate-600 dark:hover:bg-slate-800" onClick={() => edit((s) => createOrganization(s, account.id))}>
            Create an organization managed by this account
          </button>
          {scenario.organizations.map((o) => (
            <button key={o.id} type="button" className="rounded border border-slate-300 px-2 py-1 text-xs hover:bg-slate-100 dark:border-slate-600 dark:hover:bg-slate-800" onClick={() => edit((s) => join(s, account.id, o.id))}>
              Join {o.name}
            </button>
          ))}
        </div>
      </Section>
    );
  }
  const members = scenario.accounts.filter((a) => a.organizationId === org.id);
  const isManagement = org.managementAccountId === account.id;
  const addPolicy = (type: 'scp' | 'rcp', name: string, document: OrgPolicy['document']) =>
    edit((s) =>
      updateOrg(s, org.id, (o) => {
        let n = o.policies.length + 1;
        while (o.policies.some((p) => p.id === `${o.id}-${type}-${n}`)) n++;
        return { ...o, policies: [...o.policies, { id: `${o.id}-${type}-${n}`, name: o.policies.some((p) => p.name === name) ? `${name} ${n}` : name, type, document, targets: [o.rootId] }] };
      }),
    );
  const hasRcps = org.policies.some((p) => p.type === 'rcp');
  return (
    <>
      <Section title="Organization">
        <p className="mb-2 text-xs">
          <span className="font-medium">{org.name}</span> <span className="font-mono">{org.id}</span> — {isManagement ? 'this is the management account (SCPs and RCPs do not restrict it)' : 'member account'}.
        </p>
        {!isManagement && (
          <button type="button" className="rounded border border-slate-300 px-2 py-1 text-xs hover:bg-slate-100 dark:border-slate-600 dark:hover:bg-slate-800" onClick={() => edit((s) => leave(s, account.id, org.id))}>
            Leave the organization
          </button>
        )}
      </Section>
      {(['scp', 'rcp'] as const).map((type) => (
        <Section
          key={type}
          title={type === 'scp' ? 'Service control policies' : 'Resource control policies'}
          actions={<TemplateMenu kind={type} label="Add" context={{ accountId: account.id }} onPick={(name, doc) => addPolicy(type, name, doc)} />}
        >
          {type === 'rcp' && !hasRcps && (
            <button type="button" className="mb-2 rounded border border-slate-300 px-2 py-1 text-xs hover:bg-slate-100 dark:border-slate-600 dark:hover:bg-slate-800" onClick={() => edit((s) => updateOrg(s, org.id, (o) => ({ ...o, policies: [...o.policies, { id: `${o.id}-rcp-full`, name: 'RCPFullAWSAccess', type: 'rcp', document: FULL_RCP, targets: [o.rootId, ...members.map((a) => a.id)] }] })))}>
              Enable RCPs (attaches RCPFullAWSAccess everywhere)
            </button>
          )}
          {org.policies
            .filter((p) => p.type === type)
            .map((p) => (
              <div key={p.id}>
                <PolicyBlock
                  ownerId={p.id}
                  kind={type}
                  name={p.name}
                  doc={p.document}
                  onChange={(doc) => edit((s) => updateOrg(s, org.id, (o) => ({ ...o, policies: o.policies.map((x) => (x.id === p.id ? { ...x, document: doc } : x)) })))}
                  onRemove={() => edit((s) => updateOrg(s, org.id, (o) => ({ ...o, policies: o.policies.filter((x) => x.id !== p.id) })))}
                />
                <PolicyTargets org={org} policy={p} members={members} />
              </div>
            ))}
        </Section>
      ))}
    </>
  );
}
