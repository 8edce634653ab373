import type { IamGroup, IamRole, IamUser, ManagedPolicy, NamedPolicy } from '../model';
import type { ImportContext, Located, Reference, ScenarioFragment } from './types';
import { at, decodePolicy, isAccountId, isIamPath, isObject, list, parseArn, str, tagsOf, type Hints, type Json } from './values';

/**
 * `aws iam get-account-authorization-details` (IAM API: GetAccountAuthorizationDetails,
 * https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetAccountAuthorizationDetails.html): every user,
 * group, role and managed policy of one account with their relationships. Fields read, as the API
 * reference's UserDetail, GroupDetail, RoleDetail and ManagedPolicyDetail define them:
 *
 * - users: `Arn`, `UserName`, `Path`, `UserPolicyList[{PolicyName, PolicyDocument}]`, `GroupList[name]`,
 *   `AttachedManagedPolicies[{PolicyName, PolicyArn}]`, `PermissionsBoundary{PermissionsBoundaryArn}`, `Tags`;
 * - groups: `Arn`, `GroupName`, `Path`, `GroupPolicyList`, `AttachedManagedPolicies`;
 * - roles: `Arn`, `RoleName`, `Path`, `AssumeRolePolicyDocument`, `RolePolicyList`, `AttachedManagedPolicies`,
 *   `PermissionsBoundary`, `Tags`; `InstanceProfileList` is ignored (an instance profile only hands its role
 *   to EC2), and so is `RoleLastUsed`;
 * - managed policies (`Policies`): `Arn`, `PolicyName`, `Path`, `Description`, `DefaultVersionId`,
 *   `PolicyVersionList[{Document, VersionId, IsDefaultVersion}]` — only the default version is imported, the
 *   one IAM evaluates (IAM User Guide, "Versioning IAM policies").
 *
 * Documents are URL-encoded strings as the API returns them or objects as the AWS CLI prints them. Every
 * entity's id is its ARN (a path-bearing role's ARN includes the path), so files of several accounts, and an
 * AWS managed policy listed in each of them, combine into one scenario with each entity once.
 */

export const AUTHORIZATION_DETAILS_KEYS = ['UserDetailList', 'GroupDetailList', 'RoleDetailList', 'Policies'] as const;

/** Whether a JSON value looks like get-account-authorization-details output. */
export function looksLikeAuthorizationDetails(json: unknown): boolean {
  if (!isObject(json)) return false;
  if (['UserDetailList', 'GroupDetailList', 'RoleDetailList'].some((k) => Array.isArray(json[k]))) return true;
  const policies = json['Policies'];
  // Organizations' list-policies also has `Policies`, with `Id` and `Type`; IAM's have `PolicyVersionList`.
  return Array.isArray(policies) && policies.some((p) => isObject(p) && ('PolicyVersionList' in p || 'DefaultVersionId' in p));
}

const EMPTY_TRUST = { Version: '2012-10-17', Statement: [] as Json[] };

interface IamArn {
  readonly account: string;
  readonly kind: 'user' | 'group' | 'role' | 'policy';
  readonly path: string;
  readonly name: string;
  /** For a policy: whether AWS manages it (`arn:aws:iam::aws:policy/…`). */
  readonly aws: boolean;
}

/** `arn:aws:iam::111122223333:role/service-role/Deploy` → account, kind, path `/service-role/`, name `Deploy`. */
export function parseIamArn(value: unknown): IamArn | undefined {
  const arn = parseArn(value);
  if (!arn || arn.service !== 'iam') return undefined;
  const aws = arn.account === 'aws';
  if (!aws && !isAccountId(arn.account)) return undefined;
  const m = /^(user|group|role|policy)(\/(?:.*\/)?)([^/]+)$/.exec(arn.resource);
  if (!m) return undefined;
  const [, kind, path = '/', name = ''] = m;
  if (aws && kind !== 'policy') return undefined;
  return { account: arn.account, kind: kind as IamArn['kind'], path, name, aws };
}

/** Inline policies (`UserPolicyList`, `GroupPolicyList`, `RolePolicyList`), decoded; unreadable ones skipped with a note. */
function inlinePolicies(value: unknown, ctx: ImportContext, path: string, owner: string): NamedPolicy[] {
  const out: NamedPolicy[] = [];
  const names = new Set<string>();
  list(value, ctx, path, 'The inline policy list').forEach((p, i) => {
    const here = at(path, i);
    if (!isObject(p)) return ctx.note('warning', here, 'An inline policy entry is not an object; it is skipped.');
    const name = str(p['PolicyName']);
    if (!name) return ctx.note('warning', here, `An inline policy of ${owner} has no PolicyName; it is skipped.`);
    if (names.has(name)) return ctx.note('warning', here, `${owner} has two inline policies named ${name}; the second is skipped.`);
    const decoded = decodePolicy(p['PolicyDocument'], ctx, at(here, 'PolicyDocument'), `The inline policy ${name} of ${owner}`);
    if (!decoded) return;
    names.add(name);
    out.push({ name, document: decoded.document });
  });
  return out;
}

/** Attached managed policies as ids (their ARNs), each recorded as a reference to check once all files are combined. */
function attachments(value: unknown, ctx: ImportContext, path: string, holderId: string, holder: string, refs: Reference[]): string[] {
  const ids: string[] = [];
  list(value, ctx, path, 'AttachedManagedPolicies').forEach((a, i) => {
    const here = at(path, i);
    const arn = isObject(a) ? parseIamArn(a['PolicyArn']) : undefined;
    if (!isObject(a) || !arn || arn.kind !== 'policy') return ctx.note('warning', here, `An attached managed policy of ${holder} has no policy ARN; it is skipped.`);
    const id = a['PolicyArn'] as string;
    if (ids.includes(id)) return;
    ids.push(id);
    refs.push({ holderId, kind: 'managed-policy', targetId: id, path: at(here, 'PolicyArn'), holder });
  });
  return ids;
}

function boundaryOf(value: unknown, ctx: ImportContext, path: string, holderId: string, holder: string, refs: Reference[]): string | undefined {
  if (value === undefined || value === null) return undefined;
  const arn = isObject(value) ? value['PermissionsBoundaryArn'] : undefined;
  if (!parseIamArn(arn) || parseIamArn(arn)?.kind !== 'policy') {
    ctx.note('warning', path, `The permissions boundary of ${holder} has no policy ARN; it is skipped, so nothing caps its permissions here.`);
    return undefined;
  }
  refs.push({ holderId, kind: 'boundary', targetId: arn as string, path: at(path, 'PermissionsBoundaryArn'), holder });
  return arn as string;
}

/** The identity of an entry: its ARN, parsed and checked against the name and path the entry states. */
function identity(entry: Json, kind: IamArn['kind'], nameKey: string, ctx: ImportContext, path: string): (IamArn & { id: string }) | undefined {
  const arn = parseIamArn(entry['Arn']);
  if (!arn || arn.kind !== kind) {
    ctx.note('error', at(path, 'Arn'), `This ${kind} has no IAM ${kind} ARN; it is skipped.`);
    return undefined;
  }
  const name = str(entry[nameKey]) ?? arn.name;
  if (name !== arn.name) ctx.note('warning', at(path, nameKey), `The ${kind} name ${name} differs from its ARN's (${arn.name}); the ARN's is used.`);
  const path_ = entry['Path'];
  if (path_ !== undefined && (!isIamPath(path_) || path_ !== arn.path)) ctx.note('warning', at(path, 'Path'), `The path differs from the ARN's (${arn.path}); the ARN's is used.`);
  return { ...arn, id: entry['Arn'] as string };
}

/**
 * Reads one get-account-authorization-details document (at `base`, `$` for a file of its own).
 * Returns the fragment and what was imported, in words.
 */
export function readAuthorizationDetails(json: Json, ctx: ImportContext, base: string, hints?: Hints): { fragment: ScenarioFragment; counts: Record<string, number> } {
  const refs: Reference[] = [];
  const accounts = new Set<string>();
  const managedPolicies: Located<ManagedPolicy>[] = [];
  const groups: Located<IamGroup>[] = [];
  const principals: Located<IamUser | IamRole>[] = [];
  let versionsSkipped = 0;
  let policiesWithVersions = 0;
  let instanceProfiles = 0;

  if (json['IsTruncated'] === true) {
    ctx.note('warning', at(base, 'IsTruncated'), 'This output is incomplete (IsTruncated is true): IAM returned one page and a Marker for the next. What it lists is imported; run the command again without --max-items or --no-paginate (the AWS CLI then fetches every page) to import everything.');
  }

  list(json['Policies'], ctx, at(base, 'Policies'), 'Policies').forEach((p, i) => {
    const path = at(at(base, 'Policies'), i);
    if (!isObject(p)) return ctx.note('warning', path, 'A managed policy entry is not an object; it is skipped.');
    const arn = parseIamArn(p['Arn']);
    if (!arn || arn.kind !== 'policy') return ctx.note('error', at(path, 'Arn'), 'This managed policy has no IAM policy ARN; it is skipped.');
    const id = p['Arn'] as string;
    const versions = list(p['PolicyVersionList'], ctx, at(path, 'PolicyVersionList'), 'PolicyVersionList');
    const defaultId = str(p['DefaultVersionId']);
    let index = versions.findIndex((v) => isObject(v) && v['IsDefaultVersion'] === true);
    if (index < 0 && defaultId) index = versions.findIndex((v) => isObject(v) && v['VersionId'] === defaultId);
    const version = versions[index];
    if (!isObject(version)) return ctx.note('error', at(path, 'PolicyVersionList'), `The managed policy ${arn.name} has no default version in PolicyVersionList; it is skipped, and what it is attached to is decided without it.`);
    if (versions.length > 1) {
      versionsSkipped += versions.length - 1;
      policiesWithVersions++;
      // Said once per policy for a few; an estate has thousands, summed up below.
      if (policiesWithVersions <= 5) ctx.note('info', at(path, 'PolicyVersionList'), `${arn.name} has ${versions.length} versions; the default one (${str(version['VersionId']) ?? 'marked IsDefaultVersion'}) is imported — the others are history IAM does not evaluate.`);
    }
    const decoded = decodePolicy(version['Document'], ctx, at(at(at(path, 'PolicyVersionList'), index), 'Document'), `The default version of ${arn.name}`);
    if (!decoded) return;
    const description = str(p['Description']);
    if (!arn.aws) accounts.add(arn.account);
    managedPolicies.push({
      path,
      value: { id, name: arn.name, path: arn.path, ...(arn.aws ? {} : { accountId: arn.account }), ...(description ? { description } : {}), document: decoded.document },
    });
  });

  // Group names → ARNs, for users' GroupList (which names groups, not ARNs).
  const groupArnByName = new Map<string, string>();
  list(json['GroupDetailList'], ctx, at(base, 'GroupDetailList'), 'GroupDetailList').forEach((g, i) => {
    const path = at(at(base, 'GroupDetailList'), i);
    if (!isObject(g)) return ctx.note('warning', path, 'A group entry is not an object; it is skipped.');
    const id = identity(g, 'group', 'GroupName', ctx, path);
    if (!id) return;
    const label = `group ${id.name}`;
    accounts.add(id.account);
    groupArnByName.set(`${id.account}/${id.name}`, id.id);
    const policies = inlinePolicies(g['GroupPolicyList'], ctx, at(path, 'GroupPolicyList'), label);
    const managed = attachments(g['AttachedManagedPolicies'], ctx, at(path, 'AttachedManagedPolicies'), id.id, label, refs);
    groups.push({ path, value: { id: id.id, name: id.name, accountId: id.account, path: id.path, policies, ...(managed.length > 0 ? { managedPolicyIds: managed } : {}) } });
  });

  list(json['UserDetailList'], ctx, at(base, 'UserDetailList'), 'UserDetailList').forEach((u, i) => {
    const path = at(at(base, 'UserDetailList'), i);
    if (!isObject(u)) return ctx.note('warning', path, 'A user entry is not an object; it is skipped.');
    const id = identity(u, 'user', 'UserName', ctx, path);
    if (!id) return;
    const label = `user ${id.name}`;
    accounts.add(id.account);
    const groupIds: string[] = [];
    list(u['GroupList'], ctx, at(path, 'GroupList'), 'GroupList').forEach((name, k) => {
      if (typeof name !== 'string' || !name) return ctx.note('warning', at(at(path, 'GroupList'), k), `A group of ${label} is not a name; it is skipped.`);
      const groupId = groupArnByName.get(`${id.account}/${name}`) ?? `arn:aws:iam::${id.account}:group/${name}`;
      if (groupIds.includes(groupId)) return;
      groupIds.push(groupId);
      refs.push({ holderId: id.id, kind: 'group', targetId: groupId, path: at(at(path, 'GroupList'), k), holder: label });
    });
    const managed = attachments(u['AttachedManagedPolicies'], ctx, at(path, 'AttachedManagedPolicies'), id.id, label, refs);
    const boundary = boundaryOf(u['PermissionsBoundary'], ctx, at(path, 'PermissionsBoundary'), id.id, label, refs);
    principals.push({
      path,
      value: {
        id: id.id,
        type: 'iam-user',
        name: id.name,
        accountId: id.account,
        path: id.path,
        tags: tagsOf(u['Tags'], ctx, at(path, 'Tags')),
        policies: inlinePolicies(u['UserPolicyList'], ctx, at(path, 'UserPolicyList'), label),
        ...(groupIds.length > 0 ? { groupIds } : {}),
        ...(managed.length > 0 ? { managedPolicyIds: managed } : {}),
        ...(boundary ? { boundaryPolicyId: boundary } : {}),
      },
    });
  });

  list(json['RoleDetailList'], ctx, at(base, 'RoleDetailList'), 'RoleDetailList').forEach((r, i) => {
    const path = at(at(base, 'RoleDetailList'), i);
    if (!isObject(r)) return ctx.note('warning', path, 'A role entry is not an object; it is skipped.');
    const id = identity(r, 'role', 'RoleName', ctx, path);
    if (!id) return;
    const label = `role ${id.name}`;
    accounts.add(id.account);
    let trust = r['AssumeRolePolicyDocument'] === undefined ? undefined : decodePolicy(r['AssumeRolePolicyDocument'], ctx, at(path, 'AssumeRolePolicyDocument'), `The trust policy of ${label}`)?.document;
    if (!trust) {
      if (r['AssumeRolePolicyDocument'] === undefined) ctx.note('warning', at(path, 'AssumeRolePolicyDocument'), `${label} has no trust policy in the file; it is imported with an empty one, so nobody can assume it here.`);
      trust = EMPTY_TRUST;
    }
    if (Array.isArray(r['InstanceProfileList']) && r['InstanceProfileList'].length > 0) instanceProfiles++;
    const managed = attachments(r['AttachedManagedPolicies'], ctx, at(path, 'AttachedManagedPolicies'), id.id, label, refs);
    const boundary = boundaryOf(r['PermissionsBoundary'], ctx, at(path, 'PermissionsBoundary'), id.id, label, refs);
    principals.push({
      path,
      value: {
        id: id.id,
        type: 'iam-role',
        name: id.name,
        accountId: id.account,
        path: id.path,
        tags: tagsOf(r['Tags'], ctx, at(path, 'Tags')),
        policies: inlinePolicies(r['RolePolicyList'], ctx, at(path, 'RolePolicyList'), label),
        trustPolicy: trust,
        ...(managed.length > 0 ? { managedPolicyIds: managed } : {}),
        ...(boundary ? { boundaryPolicyId: boundary } : {}),
      },
    });
  });

  if (policiesWithVersions > 5) {
    ctx.note('info', at(base, 'Policies'), `${policiesWithVersions.toLocaleString('en-US')} managed policies have several versions: the default version of each is imported, and ${versionsSkipped.toLocaleString('en-US')} older or newer versions — history IAM does not evaluate — are left out.`);
  }
  if (instanceProfiles > 0) {
    ctx.note('info', at(base, 'RoleDetailList'), `Instance profiles of ${instanceProfiles} role${instanceProfiles === 1 ? '' : 's'} are ignored: an instance profile only passes its role to EC2; the role and its policies are imported.`);
  }
  if (hints?.account && accounts.size > 0 && !accounts.has(hints.account)) {
    ctx.note('warning', base, `${hints.source} names account ${hints.account}, but the entities belong to ${[...accounts].join(', ')}; their ARNs are used.`);
  }
  if (accounts.size > 1) ctx.note('info', base, `This output holds entities of ${accounts.size} accounts (${[...accounts].join(', ')}); each is imported into its own account.`);
  const account = [...accounts][0] ?? hints?.account;
  const users = principals.filter((p) => p.value.type === 'iam-user').length;
  const awsManaged = managedPolicies.filter((m) => m.value.accountId === undefined).length;
  return {
    fragment: {
      accounts: (account ? [...new Set([...accounts, account])] : []).map((id) => ({ path: base, value: { id } })),
      principals,
      groups,
      managedPolicies,
      references: refs,
    },
    counts: {
      users,
      roles: principals.length - users,
      groups: groups.length,
      'customer managed policies': managedPolicies.length - awsManaged,
      'AWS managed policies': awsManaged,
      ...(versionsSkipped > 0 ? { 'non-default policy versions left out': versionsSkipped } : {}),
    },
  };
}
