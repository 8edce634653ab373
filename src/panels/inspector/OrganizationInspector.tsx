import { useState } from 'react';
import { addOrganizationalUnit, removeOrganizationalUnit, updateOrganization, type Organization, type OrgPolicy, type Scenario } from '../../model';
import { useAppStore } from '../../store/store';
import { SelectField, Section, TextField } from '../../ui/Field';
import { PolicyBlock, TemplateMenu } from '../PolicyList';

const edit = (f: (s: Scenario) => Scenario) => useAppStore.getState().edit(f);
const FULL_RCP = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' }] };

function PolicyTargets({ org, policy, scenario }: { org: Organization; policy: OrgPolicy; scenario: Scenario }) {
  const members = scenario.accounts.filter((a) => a.organizationId === org.id);
  const levels = [{ id: org.rootId, label: 'Root' }, ...org.ous.map((ou) => ({ id: ou.id, label: ou.name })), ...members.map((a) => ({ id: a.id, label: `${a.name} (${a.id})` }))];
  return (
    <fieldset className="mb-3 text-xs">
      <legend className="font-medium">
        Attached to<span className="sr-only"> ({policy.name})</span>
      </legend>
      {levels.map((l) => (
        <label key={l.id} className="mr-3 inline-flex items-center gap-1">
          <input
            type="checkbox"
            checked={policy.targets.includes(l.id)}
            onChange={(e) =>
              edit((s) =>
                updateOrganization(s, org.id, (o) => ({
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

/** The organization's OUs: add one under the root or another OU, rename, remove. */
function OrganizationalUnits({ org, scenario }: { org: Organization; scenario: Scenario }) {
  const [parent, setParent] = useState(org.rootId);
  const name = (id: string) => (id === org.rootId ? 'Root' : (org.ous.find((ou) => ou.id === id)?.name ?? id));
  return (
    <Section title="Organizational units">
      {org.ous.length === 0 && <p className="mb-2 text-xs text-slate-700 dark:text-slate-300">None: every account sits directly under the root.</p>}
      <ul className="mb-2 space-y-1">
        {org.ous.map((ou) => (
          <li key={ou.id} className="flex items-center gap-2 text-xs">
            <span className="font-medium">{ou.name}</span>
            <span className="text-slate-600 dark:text-slate-400">under {name(ou.parentId)} · {scenario.accounts.filter((a) => a.parentId === ou.id).length} account(s)</span>
            <button type="button" className="ml-auto text-red-800 underline dark:text-red-300" aria-label={`Remove OU ${ou.name}`} onClick={() => edit((s) => removeOrganizationalUnit(s, org.id, ou.id))}>
              Remove
            </button>
          </li>
        ))}
      </ul>
      <div className="flex items-end gap-2">
        <div className="min-w-0 flex-1">
          <SelectField label="New OU under" value={parent} options={[{ value: org.rootId, label: 'Root' }, ...org.ous.map((ou) => ({ value: ou.id, label: ou.name }))]} onChange={setParent} />
        </div>
        <button
          type="button"
          className="btn mb-2"
          onClick={() =>
            edit((s) => {
              const r = addOrganizationalUnit(s, org.id, `OU ${org.ous.length + 1}`, parent);
              return 'error' in r ? s : r.scenario;
            })
          }
        >
          Add OU
        </button>
      </div>
      <p className="text-[11px] text-slate-600 dark:text-slate-400">Place an account in an OU from the account’s inspector.</p>
    </Section>
  );
}

/** An organization: its name, accounts, and the SCPs and RCPs attached at each level. */
export function OrganizationInspector({ org, scenario }: { org: Organization; scenario: Scenario }) {
  const members = scenario.accounts.filter((a) => a.organizationId === org.id);
  const management = scenario.accounts.find((a) => a.id === org.managementAccountId);
  const addPolicy = (type: 'scp' | 'rcp', name: string, document: OrgPolicy['document']) =>
    edit((s) =>
      updateOrganization(s, org.id, (o) => {
        let n = o.policies.length + 1;
        while (o.policies.some((p) => p.id === `${o.id}-${type}-${n}`)) n++;
        return { ...o, policies: [...o.policies, { id: `${o.id}-${type}-${n}`, name: o.policies.some((p) => p.name === name) ? `${name} ${n}` : name, type, document, targets: [o.rootId] }] };
      }),
    );
  const hasRcps = org.policies.some((p) => p.type === 'rcp');
  return (
    <>
      <TextField label="Organization name" value={org.name} validate={(v) => (v.trim() ? undefined : 'Required.')} onCommit={(name) => edit((s) => updateOrganization(s, org.id, (o) => ({ ...o, name })))} testId="inspector.name" />
      <p className="mb-3 text-xs text-slate-700 dark:text-slate-300">
        <span className="font-mono">{org.id}</span>, root <span className="font-mono">{org.rootId}</span>. Management account: {management ? `${management.name} (${management.id})` : org.managementAccountId} — SCPs and RCPs never restrict it. Members: {members.map((a) => a.name).join(', ')}.
      </p>
      <p className="mb-3 text-xs text-slate-700 dark:text-slate-300">
        An action must be allowed by an SCP (for the caller’s account) and an RCP (for the resource’s account) at <em>every</em> level from the root down to the account.
      </p>
      <OrganizationalUnits org={org} scenario={scenario} />
      {(['scp', 'rcp'] as const).map((type) => (
        <Section
          key={type}
          title={type === 'scp' ? 'Service control policies' : 'Resource control policies'}
          actions={<TemplateMenu kind={type} label="Add" context={{ accountId: org.managementAccountId, orgId: org.id }} onPick={(name, doc) => addPolicy(type, name, doc)} />}
        >
          {type === 'rcp' && !hasRcps && (
            <>
              <p className="mb-2 text-xs text-slate-700 dark:text-slate-300">RCPs are not enabled: nothing restricts resources here.</p>
              <button
                type="button"
                className="btn mb-2"
                onClick={() => edit((s) => updateOrganization(s, org.id, (o) => ({ ...o, policies: [...o.policies, { id: `${o.id}-rcp-full`, name: 'RCPFullAWSAccess', type: 'rcp', document: FULL_RCP, targets: [o.rootId, ...members.map((a) => a.id)] }] })))}
              >
                Enable RCPs (attaches RCPFullAWSAccess everywhere)
              </button>
            </>
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
                  onChange={(doc) => edit((s) => updateOrganization(s, org.id, (o) => ({ ...o, policies: o.policies.map((x) => (x.id === p.id ? { ...x, document: doc } : x)) })))}
                  onRename={(name) => edit((s) => updateOrganization(s, org.id, (o) => ({ ...o, policies: o.policies.map((x) => (x.id === p.id ? { ...x, name } : x)) })))}
                  onRemove={() => edit((s) => updateOrganization(s, org.id, (o) => ({ ...o, policies: o.policies.filter((x) => x.id !== p.id) })))}
                />
                <PolicyTargets org={org} policy={p} scenario={scenario} />
              </div>
            ))}
        </Section>
      ))}
    </>
  );
}
