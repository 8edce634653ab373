import { accountRootArn, createOrganization, joinOrganization, leaveOrganization, placeAccount, updateAccount, type Account, type Scenario } from '../../model';
import { useAppStore } from '../../store/store';
import { CopyValue, SelectField, Section, TextField } from '../../ui/Field';

const edit = (f: (s: Scenario) => Scenario) => useAppStore.getState().edit(f);
const required = (v: string) => (v.trim() === '' ? 'Required.' : undefined);

function Membership({ account, scenario }: { account: Account; scenario: Scenario }) {
  const org = scenario.organizations.find((o) => o.id === account.organizationId);
  if (!org) {
    return (
      <Section title="Organization">
        <p className="mb-2 text-xs text-slate-700 dark:text-slate-300">Standalone account: no SCPs or RCPs apply to it.</p>
        <div className="flex flex-wrap gap-2">
          <button
            type="button"
            className="btn"
            data-testid="inspector.create-org"
            onClick={() =>
              edit((s) => {
                const r = createOrganization(s, account.id);
                return 'error' in r ? s : r.scenario;
              })
            }
          >
            Create an organization managed by this account
          </button>
          {scenario.organizations.map((o) => (
            <button key={o.id} type="button" className="btn" onClick={() => edit((s) => joinOrganization(s, account.id, o.id))}>
              Join {o.name}
            </button>
          ))}
        </div>
      </Section>
    );
  }
  const isManagement = org.managementAccountId === account.id;
  return (
    <Section title="Organization">
      <p className="mb-2 text-xs text-slate-700 dark:text-slate-300">
        {isManagement ? 'Management account of' : 'Member of'} <strong>{org.name}</strong> <span className="font-mono">{org.id}</span>.{' '}
        {isManagement ? 'SCPs and RCPs do not restrict the management account.' : 'Its SCPs and RCPs apply to this account.'}
      </p>
      {org.ous.length > 0 && (
        <SelectField
          label="Placed under"
          hint="SCPs and RCPs attached to the root, to each OU on the way down, and to the account must all allow an action."
          value={account.parentId ?? org.rootId}
          options={[{ value: org.rootId, label: 'Root' }, ...org.ous.map((ou) => ({ value: ou.id, label: ou.name }))]}
          onChange={(v) => edit((s) => placeAccount(s, account.id, v))}
        />
      )}
      <div className="flex flex-wrap gap-2">
        <button type="button" className="btn" onClick={() => useAppStore.getState().select([org.id])}>
          Edit {org.name}’s SCPs and RCPs
        </button>
        {!isManagement && (
          <button type="button" className="btn" onClick={() => edit((s) => leaveOrganization(s, account.id))}>
            Leave the organization
          </button>
        )}
      </div>
    </Section>
  );
}

export function AccountInspector({ account, scenario }: { account: Account; scenario: Scenario }) {
  return (
    <>
      <TextField label="Account name" value={account.name} validate={required} onCommit={(name) => edit((s) => updateAccount(s, account.id, (a) => ({ ...a, name })))} testId="inspector.name" />
      <CopyValue label="Account id" value={account.id} />
      <CopyValue label="Account principal ARN" value={accountRootArn(account.id)} />
      <Membership account={account} scenario={scenario} />
    </>
  );
}
