import type { OrgPolicy } from '../model';
import type { ImportContext, Located, OrganizationFacts, ScenarioFragment } from './types';
import { at, decodePolicy, isAccountId, isObject, list, parseArn, str, type FileHints, type Hints, type Json } from './values';

/**
 * AWS Organizations, one command's output at a time (Organizations API Reference,
 * https://docs.aws.amazon.com/organizations/latest/APIReference/): describe-organization, list-roots,
 * list-organizational-units-for-parent, list-accounts and list-accounts-for-parent, list-policies,
 * describe-policy and list-targets-for-policy. Each yields facts; the door assembles them into one
 * organization with its root → OU → account tree and its SCPs and RCPs where they are attached.
 *
 * What an output does not say comes from the bundle item (the collection script records `parent-id` and
 * `policy-id`), from the file name (`…r-abcd….json`, `…ou-abcd-12345678….json`, `…p-examplepolicyid111….json`),
 * or from newer fields AWS added (an OU's `Path`, an account's `Paths`: `o-id/r-id/ou-id/…`).
 */

const ORG_ID = /o-[a-z0-9]{10,32}/;
const ROOT_ID = /^r-[0-9a-z]{4,32}$/;
const OU_ID = /^ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}$/;

/** The organization id and management account an Organizations ARN carries (`arn:aws:organizations::MGMT:account/o-id/ACCOUNT`). */
function fromOrgArn(value: unknown): { orgId?: string; management?: string } {
  const arn = parseArn(value);
  if (!arn || arn.service !== 'organizations') return {};
  const org = ORG_ID.exec(arn.resource)?.[0];
  return { ...(org ? { orgId: org } : {}), ...(isAccountId(arn.account) ? { management: arn.account } : {}) };
}

/** The parent in an entity path (`o-id/r-id/ou-a/ou-b/` → `ou-a` for `ou-b`; `o-id/r-id/ACCOUNT/` → `r-id`). */
function parentFromPath(path: unknown, self: string): string | undefined {
  if (typeof path !== 'string') return undefined;
  const parts = path.split('/').filter(Boolean);
  const i = parts.lastIndexOf(self);
  const parent = i > 0 ? parts[i - 1] : undefined;
  return parent && (ROOT_ID.test(parent) || OU_ID.test(parent)) ? parent : undefined;
}

const POLICY_TYPES: Readonly<Record<string, OrgPolicy['type']>> = { SERVICE_CONTROL_POLICY: 'scp', RESOURCE_CONTROL_POLICY: 'rcp' };

function typeOf(value: unknown, ctx: ImportContext, path: string, name: string): OrgPolicy['type'] | undefined {
  const t = typeof value === 'string' ? POLICY_TYPES[value] : undefined;
  if (!t) ctx.note('info', path, `${name} is a ${typeof value === 'string' ? value : 'policy of unknown type'}, not a service or resource control policy; it decides no access and is skipped.`);
  return t;
}

function truncated(json: Json, ctx: ImportContext, base: string): void {
  if (typeof json['NextToken'] === 'string') ctx.note('warning', at(base, 'NextToken'), 'This output is incomplete (it has a NextToken): the AWS CLI fetches every page unless --max-items or --no-paginate is given. What it lists is imported.');
}

function facts(path: string, value: OrganizationFacts): ScenarioFragment {
  return { organizations: [{ path, value }] };
}

/** `describe-organization`: `{ Organization: { Id, Arn, MasterAccountId, … } }`. */
export function readDescribeOrganization(json: Json, ctx: ImportContext, base: string): { fragment: ScenarioFragment; counts: Record<string, number> } {
  const org = isObject(json['Organization']) ? json['Organization'] : {};
  const id = str(org['Id']);
  if (!id || !ORG_ID.test(id)) {
    ctx.note('error', at(at(base, 'Organization'), 'Id'), 'The organization has no id like o-a1b2c3d4e5; it is skipped.');
    return { fragment: {}, counts: {} };
  }
  const management = isAccountId(org['MasterAccountId']) ? org['MasterAccountId'] : fromOrgArn(org['MasterAccountArn']).management;
  if (!management) ctx.note('warning', at(at(base, 'Organization'), 'MasterAccountId'), 'The management account is not given.');
  return { fragment: { ...facts(base, { id, ...(management ? { managementAccountId: management } : {}) }), ...(management ? { accounts: [{ path: base, value: { id: management } }] } : {}) }, counts: { organizations: 1 } };
}

/** `list-roots`: `{ Roots: [{ Id, Arn, Name, PolicyTypes: [{ Type, Status }] }] }`. */
export function readListRoots(json: Json, ctx: ImportContext, base: string): { fragment: ScenarioFragment; counts: Record<string, number> } {
  const out: Located<OrganizationFacts>[] = [];
  list(json['Roots'], ctx, at(base, 'Roots'), 'Roots').forEach((r, i) => {
    const path = at(at(base, 'Roots'), i);
    const id = isObject(r) ? str(r['Id']) : undefined;
    if (!isObject(r) || !id || !ROOT_ID.test(id)) return ctx.note('error', path, 'A root without an id like r-a1b2 is skipped.');
    const { orgId, management } = fromOrgArn(r['Arn']);
    const enabled = list(r['PolicyTypes'], ctx, at(path, 'PolicyTypes'), 'PolicyTypes').flatMap((t) => (isObject(t) && t['Status'] === 'ENABLED' && typeof t['Type'] === 'string' && POLICY_TYPES[t['Type']] ? [POLICY_TYPES[t['Type']] as OrgPolicy['type']] : []));
    out.push({ path, value: { ...(orgId ? { id: orgId } : {}), rootId: id, enabledTypes: enabled, ...(management ? { managementAccountId: management } : {}) } });
  });
  truncated(json, ctx, base);
  return { fragment: { organizations: out }, counts: { roots: out.length } };
}

/** `list-organizational-units-for-parent`: `{ OrganizationalUnits: [{ Id, Arn, Name, Path? }] }`; the parent is the command's `--parent-id`. */
export function readListOus(json: Json, ctx: ImportContext, base: string, hints: FileHints): { fragment: ScenarioFragment; counts: Record<string, number> } {
  const parentHint = hints.args?.['parent-id'] ?? hints.parentId;
  const ous: { id: string; name: string; parentId?: string }[] = [];
  let orgId: string | undefined;
  let unplaced = 0;
  list(json['OrganizationalUnits'], ctx, at(base, 'OrganizationalUnits'), 'OrganizationalUnits').forEach((o, i) => {
    const path = at(at(base, 'OrganizationalUnits'), i);
    const id = isObject(o) ? str(o['Id']) : undefined;
    if (!isObject(o) || !id || !OU_ID.test(id)) return ctx.note('error', path, 'An OU without an id like ou-a1b2-c3d4e5f6 is skipped.');
    orgId ??= fromOrgArn(o['Arn']).orgId ?? (typeof o['Path'] === 'string' ? ORG_ID.exec(o['Path'])?.[0] : undefined);
    const parentId = parentFromPath(o['Path'], id) ?? (parentHint && (ROOT_ID.test(parentHint) || OU_ID.test(parentHint)) ? parentHint : undefined);
    if (!parentId) unplaced++;
    ous.push({ id, name: str(o['Name']) ?? id, ...(parentId ? { parentId } : {}) });
  });
  if (unplaced > 0) ctx.note('warning', at(base, 'OrganizationalUnits'), `The parent of ${unplaced} OU${unplaced === 1 ? '' : 's'} is not known (the output does not say which --parent-id was listed): they are placed under the root. Name the parent in the file name (…ou-xxxx-yyyyyyyy….json or …r-xxxx….json) or collect with scripts/collect-aws.sh.`);
  truncated(json, ctx, base);
  return { fragment: facts(base, { ...(orgId ? { id: orgId } : {}), ous }), counts: { 'organizational units': ous.length } };
}

/** `list-accounts` / `list-accounts-for-parent`: `{ Accounts: [{ Id, Arn, Name, Status, Paths? }] }`. */
export function readListAccounts(json: Json, ctx: ImportContext, base: string, hints: FileHints, forParent: boolean): { fragment: ScenarioFragment; counts: Record<string, number> } {
  const parentHint = forParent ? (hints.args?.['parent-id'] ?? hints.parentId) : undefined;
  const members: { id: string; parentId?: string }[] = [];
  const accounts: Located<{ id: string; name?: string; nameRank?: number }>[] = [];
  let orgId: string | undefined;
  let management: string | undefined;
  list(json['Accounts'], ctx, at(base, 'Accounts'), 'Accounts').forEach((a, i) => {
    const path = at(at(base, 'Accounts'), i);
    if (!isObject(a) || !isAccountId(a['Id'])) return ctx.note('error', path, 'An account without a 12-digit Id is skipped.');
    const id = a['Id'];
    const arn = fromOrgArn(a['Arn']);
    orgId ??= arn.orgId;
    management ??= arn.management;
    const status = a['Status'] ?? a['State'];
    if (status === 'SUSPENDED' || status === 'CLOSED' || status === 'PENDING_CLOSURE') ctx.note('info', path, `Account ${id} is ${String(status).toLowerCase().replace('_', ' ')}; it is imported as listed.`);
    const paths = Array.isArray(a['Paths']) ? a['Paths'] : [];
    const parentId = paths.map((p) => parentFromPath(p, id)).find((p) => p !== undefined) ?? (parentHint && (ROOT_ID.test(parentHint) || OU_ID.test(parentHint)) ? parentHint : undefined);
    members.push({ id, ...(parentId ? { parentId } : {}) });
    const name = str(a['Name']);
    accounts.push({ path, value: { id, ...(name ? { name, nameRank: 3 } : {}) } });
  });
  if (forParent && !parentHint && members.some((m) => !m.parentId)) ctx.note('warning', at(base, 'Accounts'), 'The parent these accounts were listed for is not known; where no Paths say it, they are placed under the root.');
  truncated(json, ctx, base);
  return { fragment: { accounts, ...facts(base, { ...(orgId ? { id: orgId } : {}), ...(management ? { managementAccountId: management } : {}), members }) }, counts: { accounts: accounts.length } };
}

/** `list-policies --filter SERVICE_CONTROL_POLICY|RESOURCE_CONTROL_POLICY`: summaries, without content. */
export function readListPolicies(json: Json, ctx: ImportContext, base: string): { fragment: ScenarioFragment; counts: Record<string, number> } {
  const policies: NonNullable<OrganizationFacts['policies']>[number][] = [];
  let orgId: string | undefined;
  list(json['Policies'], ctx, at(base, 'Policies'), 'Policies').forEach((p, i) => {
    const path = at(at(base, 'Policies'), i);
    const id = isObject(p) ? str(p['Id']) : undefined;
    if (!isObject(p) || !id) return ctx.note('error', path, 'A policy without an Id is skipped.');
    const name = str(p['Name']) ?? id;
    const type = typeOf(p['Type'], ctx, at(path, 'Type'), name);
    if (!type) return;
    orgId ??= fromOrgArn(p['Arn']).orgId;
    policies.push({ id, name, type, ...(p['AwsManaged'] === true ? { awsManaged: true } : {}) });
  });
  truncated(json, ctx, base);
  return { fragment: facts(base, { ...(orgId ? { id: orgId } : {}), policies }), counts: { 'policy summaries': policies.length } };
}

/** `describe-policy`: `{ Policy: { PolicySummary: { Id, Name, Type, AwsManaged, Arn }, Content: "<JSON string>" } }`. */
export function readDescribePolicy(json: Json, ctx: ImportContext, base: string): { fragment: ScenarioFragment; counts: Record<string, number> } {
  const policy = isObject(json['Policy']) ? json['Policy'] : {};
  const summary = isObject(policy['PolicySummary']) ? policy['PolicySummary'] : {};
  const path = at(base, 'Policy');
  const id = str(summary['Id']);
  if (!id) {
    ctx.note('error', at(path, 'PolicySummary'), 'The policy has no Id; it is skipped.');
    return { fragment: {}, counts: {} };
  }
  const name = str(summary['Name']) ?? id;
  const type = typeOf(summary['Type'], ctx, at(at(path, 'PolicySummary'), 'Type'), name);
  if (!type) return { fragment: {}, counts: {} };
  // Content is a JSON string: the policy document encoded once more (Organizations API: Policy.Content).
  const decoded = decodePolicy(policy['Content'], ctx, at(path, 'Content'), `The content of ${name}`);
  if (!decoded) return { fragment: {}, counts: {} };
  const orgId = fromOrgArn(summary['Arn']).orgId;
  return { fragment: facts(base, { ...(orgId ? { id: orgId } : {}), policies: [{ id, name, type, document: decoded.document, ...(summary['AwsManaged'] === true ? { awsManaged: true } : {}) }] }), counts: { [type === 'scp' ? 'SCPs' : 'RCPs']: 1 } };
}

/** `list-targets-for-policy`: `{ Targets: [{ TargetId, Arn, Name, Type }] }`; the policy is the command's `--policy-id`. */
export function readListTargets(json: Json, ctx: ImportContext, base: string, hints: FileHints): { fragment: ScenarioFragment; counts: Record<string, number> } {
  const policyId = hints.args?.['policy-id'] ?? hints.policyId;
  if (!policyId) {
    ctx.note('error', base, 'Which policy these targets belong to is not known: the output does not say. Put the policy id in the file name (…p-examplepolicyid111….json) or collect with scripts/collect-aws.sh.');
    return { fragment: {}, counts: {} };
  }
  const targetIds: string[] = [];
  let orgId: string | undefined;
  list(json['Targets'], ctx, at(base, 'Targets'), 'Targets').forEach((t, i) => {
    const path = at(at(base, 'Targets'), i);
    const id = isObject(t) ? str(t['TargetId']) : undefined;
    if (!isObject(t) || !id || !(ROOT_ID.test(id) || OU_ID.test(id) || isAccountId(id))) return ctx.note('error', path, 'A target that is not a root, OU or account id is skipped.');
    orgId ??= fromOrgArn(t['Arn']).orgId;
    targetIds.push(id);
  });
  truncated(json, ctx, base);
  return { fragment: facts(base, { ...(orgId ? { id: orgId } : {}), targets: [{ policyId, targetIds }] }), counts: { attachments: targetIds.length } };
}

/** `iam list-account-aliases`: `{ AccountAliases: ["name"] }`; the account is the bundle item's or the file name's. */
export function readAccountAliases(json: Json, ctx: ImportContext, base: string, hints: Hints): { fragment: ScenarioFragment; counts: Record<string, number> } {
  const alias = list(json['AccountAliases'], ctx, at(base, 'AccountAliases'), 'AccountAliases').find((a): a is string => typeof a === 'string' && a.length > 0);
  if (!alias) return { fragment: {}, counts: {} };
  if (!hints.account) {
    ctx.note('error', base, 'Which account this alias belongs to is not known: put the account id in the file name or collect with scripts/collect-aws.sh.');
    return { fragment: {}, counts: {} };
  }
  return { fragment: { accounts: [{ path: at(at(base, 'AccountAliases'), 0), value: { id: hints.account, name: alias, nameRank: 2 } }] }, counts: { 'account aliases': 1 } };
}

/**
 * Which Organizations output a JSON document is, by its top-level shape (each command answers with one
 * distinctive member), or undefined.
 */
export function organizationsCommandOf(json: unknown): string | undefined {
  if (!isObject(json)) return undefined;
  if (isObject(json['Organization'])) return 'organizations describe-organization';
  if (Array.isArray(json['Roots'])) return 'organizations list-roots';
  if (Array.isArray(json['OrganizationalUnits'])) return 'organizations list-organizational-units-for-parent';
  if (Array.isArray(json['Accounts']) && json['Accounts'].some((a) => isObject(a) && 'Id' in a)) return 'organizations list-accounts';
  if (isObject(json['Policy']) && ('Content' in json['Policy'] || 'PolicySummary' in json['Policy'])) return 'organizations describe-policy';
  if (Array.isArray(json['Targets']) && json['Targets'].some((t) => isObject(t) && 'TargetId' in t)) return 'organizations list-targets-for-policy';
  if (Array.isArray(json['Policies']) && json['Policies'].some((p) => isObject(p) && 'Type' in p && 'Id' in p)) return 'organizations list-policies';
  if (Array.isArray(json['AccountAliases'])) return 'iam list-account-aliases';
  return undefined;
}
