import { create } from 'zustand';
import { accountRootArn, changeAccountId, createOrganization, joinOrganization, leaveOrganization, placeAccount, updateAccount, type Account, type AccountIdRewrite, type Scenario } from '../../model';
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

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

/** What a change of account id rewrote, in sentences: for the inspector (in full) and the status line (short). */
export function describeRenumbering(r: AccountIdRewrite): { readonly short: string; readonly lines: readonly string[] } {
  const lines = [
    r.entities > 0 ? `${plural(r.entities, 'principal or resource', 'principals and resources')} moved with it: their ARNs name ${r.to}.` : 'Nothing was drawn in it.',
    r.policies.length > 0
      ? `ARNs, Principal entries and account conditions rewritten in ${plural(r.policies.length, 'policy', 'policies')}: ${r.policies.map((p) => `${p.policy} ${p.owner ? `of ${p.owner}` : '(customer managed)'} (${p.references})`).join(', ')}.`
      : 'No policy named the old id.',
    r.groupsAndManagedPolicies > 0 ? `${plural(r.groupsAndManagedPolicies, 'IAM group or customer managed policy', 'IAM groups and customer managed policies')} of the account moved with it.` : '',
    r.contexts > 0 ? `The request context of ${plural(r.contexts, 'edge')}.` : '',
    r.rules > 0 ? `The event pattern of ${plural(r.rules, 'rule')}.` : '',
    ...r.organizations.map((o) =>
      `${o.name}: ${[o.management ? 'its management account' : '', o.attachments > 0 ? `${plural(o.attachments, 'SCP/RCP attachment')}` : ''].filter(Boolean).join(' and ')}.`,
    ),
    r.alreadyNamed > 0 ? `${plural(r.alreadyNamed, 'reference')} to ${r.to} already in the scenario now ${r.alreadyNamed === 1 ? 'names' : 'name'} this account.` : '',
  ].filter(Boolean);
  const followed = [r.entities > 0 ? plural(r.entities, 'card') : '', r.policies.length > 0 ? plural(r.policies.length, 'policy', 'policies') : ''].filter(Boolean).join(' and ');
  return { short: `Account id ${r.from} is now ${r.to}${followed ? `; ${followed} followed` : ''}. Ctrl+Z undoes it.`, lines };
}

/** The last renumbering, shown in the inspector of the account it renumbered (which remounts under its new id). */
const useRenumbered = create<{ readonly rewrite?: AccountIdRewrite }>()(() => ({}));

/** Gives the account a new id (one undo step), selects it under that id and says what followed. */
function renumber(from: string, to: string): void {
  const { edit: apply, select, notify } = useAppStore.getState();
  let rewrite: AccountIdRewrite | undefined;
  apply((s) => {
    const r = changeAccountId(s, from, to);
    if ('error' in r) {
      notify({ kind: 'refused', text: r.error });
      return s;
    }
    rewrite = r.rewrite;
    return r.scenario;
  });
  if (!rewrite || rewrite.from === rewrite.to) return;
  useRenumbered.setState({ rewrite });
  select([to]);
  notify({ kind: 'info', text: describeRenumbering(rewrite).short });
  // Committed with Enter, the field went away with the old inspector: the keyboard stays in the new one.
  requestAnimationFrame(() => {
    const active = document.activeElement;
    if (!active || active === document.body || !active.isConnected) document.querySelector<HTMLInputElement>('[data-testid="inspector.account-id"]')?.focus();
  });
}

function accountIdProblem(value: string, account: Account, scenario: Scenario): string | undefined {
  if (value === account.id) return undefined;
  if (!/^\d{12}$/.test(value)) return 'Exactly 12 digits.';
  const other = scenario.accounts.find((a) => a.id === value);
  return other ? `${other.name} already has this id.` : undefined;
}

export function AccountInspector({ account, scenario }: { account: Account; scenario: Scenario }) {
  const rewrite = useRenumbered((s) => (s.rewrite?.to === account.id ? s.rewrite : undefined));
  return (
    <>
      <TextField label="Account name" value={account.name} validate={required} onCommit={(name) => edit((s) => updateAccount(s, account.id, (a) => ({ ...a, name })))} testId="inspector.name" />
      <TextField
        label="Account id"
        value={account.id}
        mono
        inputMode="numeric"
        testId="inspector.account-id"
        hint="Changing it rewrites every reference: the ARNs of what is in it, and the ARNs, Principal entries and account conditions (aws:SourceAccount…) that name it in every policy. One undo step."
        validate={(v) => accountIdProblem(v.trim(), account, scenario)}
        onCommit={(v) => renumber(account.id, v.trim())}
      />
      {rewrite && (
        <div className="mb-3 rounded border border-sky-300 bg-sky-50 p-2 text-xs text-sky-950 dark:border-sky-700 dark:bg-sky-950 dark:text-sky-50" data-testid="inspector.renumbered">
          <p className="font-semibold">
            Was <span className="font-mono">{rewrite.from}</span>. What followed:
          </p>
          <ul className="mt-1 list-disc space-y-0.5 pl-4">
            {describeRenumbering(rewrite).lines.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </div>
      )}
      <CopyValue label="Account principal ARN" value={accountRootArn(account.id)} />
      <Membership account={account} scenario={scenario} />
    </>
  );
}
