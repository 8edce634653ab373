import { CURRENT_SCENARIO_VERSION, type Account, type EventRule, type IamGroup, type ManagedPolicy, type Organization, type OrgPolicy, type Principal, type Resource, type Scenario } from '../model';
import { resourceId } from './awsResources';
import type { ImportNote, NoteLevel, OrganizationFacts, ResourceDraft, ScenarioFragment } from './types';

/**
 * Combines the fragments of every file into one scenario. The result does not depend on the order the files
 * came in: fragments are taken in a fixed order (by file name, then content), and where two files state
 * different things about one entity the first in that order is kept and the other is reported.
 */

/** One file's contribution, with the key that fixes its place in the combination. */
export interface Part {
  readonly file: string;
  /** Sort key: the file name, then something of its content, so equal names still sort the same way every time. */
  readonly key: string;
  readonly fragment: ScenarioFragment;
}

/** Where an entity of the combined scenario came from (for reporting problems found later). */
export interface Origin {
  readonly file: string;
  readonly path: string;
}

export interface Combined {
  readonly scenario: Scenario;
  readonly notes: ImportNote[];
  /** For each entity id, the file and JSON path it was read from. */
  readonly origins: ReadonlyMap<string, Origin>;
}

/**
 * AWS managed organization policies whose content AWS documents and attaches by default (AWS Organizations
 * User Guide, "Service control policies (SCPs)": FullAWSAccess; "Resource control policies (RCPs)":
 * RCPFullAWSAccess). Used when an import lists such a policy without its content.
 */
const KNOWN_ORG_POLICIES: Readonly<Record<string, OrgPolicy['document']>> = {
  'p-FullAWSAccess': { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] },
  'p-RCPFullAWSAccess': { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' }] },
};

const ROOT_OF_OU = /^ou-([0-9a-z]{4,32})-/;

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Entities by id, the first one kept; a different second one is reported in its own file. */
class ById<T extends { readonly id: string }> {
  readonly items = new Map<string, T>();
  constructor(
    private readonly what: (item: T) => string,
    private readonly notes: ImportNote[],
    private readonly origins: Map<string, Origin>,
  ) {}
  add(item: T, origin: Origin): void {
    const before = this.items.get(item.id);
    if (!before) {
      this.items.set(item.id, item);
      this.origins.set(item.id, origin);
      return;
    }
    if (sameJson(before, item)) return;
    const first = this.origins.get(item.id);
    this.notes.push({ level: 'warning', file: origin.file, path: origin.path, message: `${this.what(item)} is also in “${first?.file ?? '?'}” (${first?.path ?? '$'}) with different content; that one is kept.` });
  }
}

export function combine(parts: readonly Part[], now: Date = new Date()): Combined {
  const notes: ImportNote[] = [];
  const note = (level: NoteLevel, origin: Origin, message: string): void => {
    notes.push({ level, file: origin.file, path: origin.path, message });
  };
  const origins = new Map<string, Origin>();
  const sorted = [...parts].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));

  const base = sorted.find((p) => p.fragment.scenario)?.fragment.scenario;
  const principals = new ById<Principal>((p) => `${p.type === 'iam-role' ? 'Role' : p.type === 'iam-user' ? 'User' : 'Principal'} ${p.name}`, notes, origins);
  const groups = new ById<IamGroup>((g) => `Group ${g.name}`, notes, origins);
  const managed = new ById<ManagedPolicy>((m) => `Managed policy ${m.name}`, notes, origins);
  const resources = new ById<Resource>((r) => `${r.type} ${r.name}`, notes, origins);
  const rules = new ById<EventRule>((r) => `EventBridge rule ${r.name}`, notes, origins);
  const accountNames = new Map<string, { name: string; rank: number }>();
  const accountIds = new Set<string>();
  const orgFacts: { facts: OrganizationFacts; origin: Origin }[] = [];
  const drafts: { draft: ResourceDraft; origin: Origin }[] = [];
  const refs: { ref: NonNullable<ScenarioFragment['references']>[number]; file: string }[] = [];
  let baseAccounts: readonly Account[] = [];
  let baseOrgs: readonly Organization[] = [];

  for (const part of sorted) {
    const f = part.fragment;
    const at = (path: string): Origin => ({ file: part.file, path });
    if (f.scenario) {
      const s = f.scenario;
      if (s === base) {
        s.rules.forEach((r, i) => rules.add(r, at(`$.rules[${i}]`)));
        baseAccounts = s.accounts;
        baseOrgs = s.organizations;
      } else {
        note('warning', at('$'), `A second scenario file: its entities are added where their ids are new; its edges, rules, organizations and layout are not (only “${sorted.find((p) => p.fragment.scenario === base)?.file}”'s are kept).`);
      }
      s.accounts.forEach((a, i) => {
        accountIds.add(a.id);
        const rank = s === base ? 1 : 0;
        const known = accountNames.get(a.id);
        if (!known || known.rank < rank) accountNames.set(a.id, { name: a.name, rank });
        origins.set(a.id, at(`$.accounts[${i}]`));
      });
      s.principals.forEach((p, i) => principals.add(p, at(`$.principals[${i}]`)));
      s.groups.forEach((g, i) => groups.add(g, at(`$.groups[${i}]`)));
      s.managedPolicies.forEach((m, i) => managed.add(m, at(`$.managedPolicies[${i}]`)));
      s.resources.forEach((r, i) => resources.add(r, at(`$.resources[${i}]`)));
    }
    for (const a of f.accounts ?? []) {
      accountIds.add(a.value.id);
      if (a.value.name) {
        const rank = a.value.nameRank ?? 1;
        const known = accountNames.get(a.value.id);
        if (!known || known.rank < rank) accountNames.set(a.value.id, { name: a.value.name, rank });
      }
    }
    for (const p of f.principals ?? []) principals.add(p.value, at(p.path));
    for (const g of f.groups ?? []) groups.add(g.value, at(g.path));
    for (const m of f.managedPolicies ?? []) managed.add(m.value, at(m.path));
    for (const r of f.resources ?? []) drafts.push({ draft: r.value, origin: at(r.path) });
    for (const r of f.rules ?? []) rules.add(r.value, at(r.path));
    for (const o of f.organizations ?? []) orgFacts.push({ facts: o.value, origin: at(o.path) });
    for (const ref of f.references ?? []) refs.push({ ref, file: part.file });
  }

  for (const p of principals.items.values()) if (p.type !== 'service') accountIds.add(p.accountId);
  for (const g of groups.items.values()) accountIds.add(g.accountId);
  for (const m of managed.items.values()) if (m.accountId) accountIds.add(m.accountId);
  for (const r of resources.items.values()) accountIds.add(r.accountId);
  for (const { draft } of drafts) if (draft.accountId) accountIds.add(draft.accountId);

  // Resources whose file did not say their account (a bucket policy): the import's one account, if it has one.
  for (const { draft, origin } of drafts) {
    let account = draft.accountId;
    if (!account) {
      if (accountIds.size === 1) {
        account = [...accountIds][0] as string;
        note('info', origin, `The account of ${draft.type} ${draft.name} is not in its file; it is taken to be ${account}, the only account of the import.`);
      } else {
        note('error', origin, `The account of ${draft.type} ${draft.name} is not known${accountIds.size > 1 ? ` (the import has ${accountIds.size} accounts)` : ''}; it is skipped. Wrap the output with its account ({"account": "111122223333", "command": …, "output": …}) or put the account id in the file name.`);
        continue;
      }
    }
    // A draft whose file knew its account already has its final id (its ARN); the others get it now.
    const id = draft.type === 's3-bucket' || draft.accountId ? draft.id : resourceId(draft.type, draft.name, account, draft.region);
    resources.add({ ...draft, id, accountId: account }, origin);
  }

  const organizations = assembleOrganizations(orgFacts, baseOrgs, accountIds, note, origins);

  // Links to groups and managed policies: resolved now that every file is in; a link to nothing is removed.
  const holders = new Map<string, Principal | IamGroup>();
  for (const p of principals.items.values()) holders.set(p.id, p);
  for (const g of groups.items.values()) holders.set(g.id, g);
  const groupsByName = new Map([...groups.items.values()].map((g) => [`${g.accountId}/${g.name}`, g.id]));
  const drop = new Map<string, Set<string>>();
  const rename = new Map<string, Map<string, string>>();
  for (const { ref, file } of refs) {
    const holder = holders.get(ref.holderId);
    if (!holder) continue;
    const holderAccount = 'accountId' in holder ? holder.accountId : undefined;
    let ok = false;
    if (ref.kind === 'group') {
      if (groups.items.get(ref.targetId)?.accountId === holderAccount) ok = true;
      else {
        const name = ref.targetId.slice(ref.targetId.lastIndexOf('/') + 1);
        const found = groupsByName.get(`${holderAccount}/${name}`);
        if (found) {
          ok = true;
          if (found !== ref.targetId) (rename.get(ref.holderId) ?? rename.set(ref.holderId, new Map()).get(ref.holderId))?.set(ref.targetId, found);
        }
      }
      if (!ok) notes.push({ level: 'warning', file, path: ref.path, message: `The ${ref.holder} is in group ${ref.targetId.slice(ref.targetId.lastIndexOf('/') + 1)}, which is not in the import: the group's policies are left out of its decisions.` });
    } else {
      const m = managed.items.get(ref.targetId);
      if (m && (m.accountId === undefined || m.accountId === holderAccount)) ok = true;
      else if (m) notes.push({ level: 'warning', file, path: ref.path, message: `The customer managed policy ${m.name} belongs to account ${m.accountId}; it cannot be attached to the ${ref.holder} in ${holderAccount}, and is left out.` });
      else
        notes.push({
          level: 'warning',
          file,
          path: ref.path,
          message: `${ref.kind === 'boundary' ? 'The permissions boundary' : 'The managed policy'} ${ref.targetId} of the ${ref.holder} is not in the import (its document is not in any file): ${ref.kind === 'boundary' ? 'nothing caps the permissions here' : 'its decisions leave it out'}.`,
        });
    }
    if (!ok) (drop.get(ref.holderId) ?? drop.set(ref.holderId, new Set()).get(ref.holderId))?.add(`${ref.kind}:${ref.targetId}`);
  }
  const fixLinks = <T extends { readonly id: string; readonly groupIds?: readonly string[]; readonly managedPolicyIds?: readonly string[]; readonly boundaryPolicyId?: string }>(item: T): T => {
    const gone = drop.get(item.id);
    const renamed = rename.get(item.id);
    if (!gone && !renamed) return item;
    const out: Record<string, unknown> = { ...item };
    if (item.groupIds) out['groupIds'] = item.groupIds.filter((g) => !gone?.has(`group:${g}`)).map((g) => renamed?.get(g) ?? g);
    if (item.managedPolicyIds) out['managedPolicyIds'] = item.managedPolicyIds.filter((m) => !gone?.has(`managed-policy:${m}`));
    if (item.boundaryPolicyId !== undefined && gone?.has(`boundary:${item.boundaryPolicyId}`)) delete out['boundaryPolicyId'];
    for (const k of ['groupIds', 'managedPolicyIds']) if (Array.isArray(out[k]) && (out[k] as unknown[]).length === 0) delete out[k];
    return out as T;
  };

  const orgById = new Map(organizations.orgs.map((o) => [o.id, o]));
  const accounts: Account[] = [...accountIds].sort().map((id) => {
    const member = organizations.membership.get(id);
    const fromBase = baseAccounts.find((a) => a.id === id);
    const name = accountNames.get(id)?.name ?? fromBase?.name ?? `Account ${id}`;
    if (member && orgById.has(member.orgId)) return { id, name, organizationId: member.orgId, ...(member.parentId ? { parentId: member.parentId } : {}) };
    if (fromBase?.organizationId && orgById.has(fromBase.organizationId)) return { ...fromBase, name };
    return { id, name };
  });
  // Keep the base scenario's account order, then the rest by id.
  const order = new Map(baseAccounts.map((a, i) => [a.id, i]));
  accounts.sort((a, b) => (order.get(a.id) ?? Infinity) - (order.get(b.id) ?? Infinity) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

  const fileNames = [...new Set(sorted.map((p) => p.file))];
  const name = base?.name ?? nameFor(organizations.orgs, accounts);
  const description = base?.description ?? `Imported on ${now.toISOString().slice(0, 10)} from ${fileNames.length} file${fileNames.length === 1 ? '' : 's'}: ${fileNames.slice(0, 8).join(', ')}${fileNames.length > 8 ? `, and ${fileNames.length - 8} more` : ''}.`;

  const scenario: Scenario = {
    version: CURRENT_SCENARIO_VERSION,
    name,
    ...(description ? { description } : {}),
    organizations: organizations.orgs,
    accounts,
    principals: [...principals.items.values()].map(fixLinks),
    groups: [...groups.items.values()].map(fixLinks),
    managedPolicies: [...managed.items.values()],
    resources: [...resources.items.values()],
    rules: [...rules.items.values()],
    edges: base?.edges ?? [],
    layout: base?.layout ?? { nodes: {} },
  };
  return { scenario, notes, origins };
}

function nameFor(orgs: readonly Organization[], accounts: readonly Account[]): string {
  if (orgs.length === 1 && orgs[0]) return `AWS organization ${orgs[0].id} (${accounts.length} account${accounts.length === 1 ? '' : 's'})`;
  if (accounts.length === 1 && accounts[0]) return `AWS account ${accounts[0].name === `Account ${accounts[0].id}` ? accounts[0].id : `${accounts[0].name} (${accounts[0].id})`}`;
  return `AWS import (${accounts.length} accounts)`;
}

/**
 * One organization per organization id, from the facts of every file: management account, root, OUs with
 * their parents, member accounts with theirs, and SCPs/RCPs with their attachments. Policies apply along
 * root → OUs → account (the engine walks that path); a level without an Allow denies, so an import that has
 * policies of a type but none of their attachments leaves that type out rather than deny everything.
 */
function assembleOrganizations(
  all: readonly { facts: OrganizationFacts; origin: Origin }[],
  baseOrgs: readonly Organization[],
  accountIds: Set<string>,
  note: (level: NoteLevel, origin: Origin, message: string) => void,
  origins: Map<string, Origin>,
): { orgs: Organization[]; membership: Map<string, { orgId: string; parentId?: string }> } {
  const membership = new Map<string, { orgId: string; parentId?: string }>();
  const ids = [...new Set(all.flatMap((f) => (f.facts.id ? [f.facts.id] : [])))].sort();
  const byOrg = new Map<string, { facts: OrganizationFacts; origin: Origin }[]>(ids.map((id) => [id, []]));
  for (const f of all) {
    const id = f.facts.id ?? (ids.length === 1 ? ids[0] : undefined);
    if (id) byOrg.get(id)?.push(f);
    else note('warning', f.origin, ids.length === 0 ? 'These Organizations facts name no organization, and no other file does (add describe-organization or list-roots); they are skipped.' : `These Organizations facts name no organization and the import has ${ids.length}; they are skipped.`);
  }
  // Organizations of a scenario file stay as they are (their members keep their organizationId), unless the
  // AWS files describe the same organization: then those files' facts make it.
  const orgs: Organization[] = baseOrgs.filter((o) => !byOrg.has(o.id));

  for (const [orgId, facts] of byOrg) {
    const first = facts[0]?.origin ?? { file: '?', path: '$' };
    const pick = <K extends keyof OrganizationFacts>(k: K): { value: NonNullable<OrganizationFacts[K]>; origin: Origin } | undefined => {
      const found = facts.find((f) => f.facts[k] !== undefined);
      return found ? { value: found.facts[k] as NonNullable<OrganizationFacts[K]>, origin: found.origin } : undefined;
    };
    const management = pick('managementAccountId');
    for (const f of facts) if (f.facts.managementAccountId && management && f.facts.managementAccountId !== management.value) note('warning', f.origin, `This file says the management account is ${f.facts.managementAccountId}; “${management.origin.file}” says ${management.value}, which is kept.`);
    const ous = new Map<string, { id: string; name: string; parentId?: string; origin: Origin }>();
    for (const f of facts) for (const ou of f.facts.ous ?? []) {
      const before = ous.get(ou.id);
      if (!before || (!before.parentId && ou.parentId)) ous.set(ou.id, { ...ou, origin: f.origin });
    }
    let rootId = pick('rootId')?.value;
    if (!rootId) {
      const fromOu = [...ous.keys()].map((id) => ROOT_OF_OU.exec(id)?.[1]).find((x) => x !== undefined);
      if (fromOu) {
        rootId = `r-${fromOu}`;
        note('info', first, `The root of ${orgId} is not in the import (list-roots); ${rootId} is taken from its OU ids.`);
      }
    }
    if (!management || !rootId) {
      note('error', first, `Organization ${orgId} cannot be assembled: ${!management ? 'its management account' : 'its root'} is not in the import (add describe-organization and list-roots). Its accounts are imported as standalone accounts, without SCPs or RCPs.`);
      continue;
    }
    const root = rootId;
    const mgmt = management.value;
    accountIds.add(mgmt);
    const ouList = [...ous.values()].map((ou) => {
      let parentId = ou.parentId ?? root;
      if (parentId !== root && !ous.has(parentId)) {
        note('warning', ou.origin, `The parent ${parentId} of OU ${ou.name} is not in the import; the OU is placed under the root.`);
        parentId = root;
      }
      return { id: ou.id, name: ou.name, parentId };
    });
    // Break parent cycles (only hostile input has them): such an OU goes under the root.
    for (const ou of ouList) {
      const seen = new Set<string>();
      let current: string | undefined = ou.id;
      while (current && current !== root) {
        if (seen.has(current)) {
          note('warning', first, `The OUs of ${orgId} form a cycle at ${ou.name}; it is placed under the root.`);
          ou.parentId = root;
          break;
        }
        seen.add(current);
        current = ouList.find((x) => x.id === current)?.parentId;
      }
    }
    // The tree in reading order, whichever files it came from: the root's OUs by name, then theirs.
    const ordered: typeof ouList = [];
    const children = (parent: string) => ouList.filter((o) => o.parentId === parent).sort((a, b) => a.name.localeCompare(b.name) || (a.id < b.id ? -1 : 1));
    for (let level = children(root); level.length > 0; level = level.flatMap((o) => children(o.id))) ordered.push(...level);
    ouList.splice(0, ouList.length, ...ordered, ...ouList.filter((o) => !ordered.includes(o)));
    const ouIds = new Set(ouList.map((o) => o.id));
    const members = new Map<string, string | undefined>([[mgmt, undefined]]);
    for (const f of facts) for (const m of f.facts.members ?? []) {
      const parent = m.parentId === undefined || m.parentId === root ? undefined : ouIds.has(m.parentId) ? m.parentId : undefined;
      if (m.parentId !== undefined && m.parentId !== root && !ouIds.has(m.parentId)) note('warning', f.origin, `Account ${m.id} is under ${m.parentId}, which is not in the import; it is placed under the root.`);
      if (!members.has(m.id) || (members.get(m.id) === undefined && parent !== undefined)) members.set(m.id, parent);
    }

    const policies = new Map<string, { id: string; name: string; type: OrgPolicy['type']; document?: OrgPolicy['document']; origin: Origin }>();
    for (const f of facts) for (const p of f.facts.policies ?? []) {
      const before = policies.get(p.id);
      if (!before || (!before.document && p.document)) policies.set(p.id, { id: p.id, name: p.name, type: p.type, ...(p.document ? { document: p.document } : {}), origin: f.origin });
    }
    const targets = new Map<string, { ids: Set<string>; origin: Origin }>();
    for (const f of facts) for (const t of f.facts.targets ?? []) {
      const entry = targets.get(t.policyId) ?? { ids: new Set<string>(), origin: f.origin };
      for (const id of t.targetIds) entry.ids.add(id);
      targets.set(t.policyId, entry);
    }
    for (const [policyId, t] of targets) {
      if (!policies.has(policyId)) {
        const known = KNOWN_ORG_POLICIES[policyId];
        if (known) policies.set(policyId, { id: policyId, name: policyId.slice(2), type: policyId === 'p-RCPFullAWSAccess' ? 'rcp' : 'scp', origin: t.origin });
        else note('warning', t.origin, `Attachments of policy ${policyId} are listed, but the policy is not in the import (add describe-policy --policy-id ${policyId}); they are skipped.`);
      }
    }
    const orgPolicies: OrgPolicy[] = [];
    for (const p of policies.values()) {
      let document = p.document;
      if (!document) {
        document = KNOWN_ORG_POLICIES[p.id];
        if (document) note('info', p.origin, `The content of ${p.name} is not in the import; AWS's documented content (allow everything) is used.`);
        else {
          note('warning', p.origin, `The content of ${p.name} (${p.id}) is not in the import (add describe-policy --policy-id ${p.id}); it is skipped.`);
          continue;
        }
      }
      const attached = targets.get(p.id);
      const targetIds: string[] = [];
      for (const t of attached?.ids ?? []) {
        if (t === root || ouIds.has(t)) targetIds.push(t);
        else if (/^\d{12}$/.test(t)) {
          if (!members.has(t)) {
            members.set(t, undefined);
            note('info', attached?.origin ?? p.origin, `Account ${t} has ${p.name} attached, so it is a member of ${orgId}; it is added.`);
          }
          targetIds.push(t);
        } else note('warning', attached?.origin ?? p.origin, `${p.name} is attached to ${t}, which is not in the import; that attachment is skipped.`);
      }
      orgPolicies.push({ id: p.id, name: p.name, type: p.type, document, targets: targetIds });
      origins.set(p.id, p.origin);
    }
    // A policy type with policies but no known attachment would deny everything at every level: leave it out.
    const kept: OrgPolicy[] = [];
    for (const type of ['scp', 'rcp'] as const) {
      const ofType = orgPolicies.filter((p) => p.type === type);
      const label = type === 'scp' ? 'SCPs' : 'RCPs';
      if (ofType.length > 0 && ofType.every((p) => p.targets.length === 0)) {
        note('warning', first, `${ofType.length} ${label} of ${orgId} are in the import but not where they are attached (list-targets-for-policy): they are left out — with no attachment, no level would allow anything and every request would be denied.`);
        continue;
      }
      for (const p of ofType) if (p.targets.length === 0) note('info', first, `${p.name} is attached nowhere in the import; it applies to nothing.`);
      kept.push(...ofType);
      const enabled = facts.some((f) => f.facts.enabledTypes?.includes(type));
      if (enabled && ofType.length === 0) note('warning', first, `${label} are enabled in ${orgId} (list-roots) but none is in the import: decisions here ignore ${label}. Add list-policies, describe-policy and list-targets-for-policy.`);
    }
    kept.sort((a, b) => (a.type === b.type ? 0 : a.type === 'scp' ? -1 : 1) || a.name.localeCompare(b.name));
    orgs.push({ id: orgId, name: `Organization ${orgId}`, rootId: root, managementAccountId: mgmt, ous: ouList, policies: kept });
    origins.set(orgId, first);
    for (const [id, parentId] of members) {
      accountIds.add(id);
      membership.set(id, { orgId, ...(parentId ? { parentId } : {}) });
    }
  }
  return { orgs, membership };
}
