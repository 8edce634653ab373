import type { Principal, Scenario } from '../../model';
import { principalEntity } from '../entities';
import { identityOf } from '../evaluate/evaluate';
import type { RawContext } from '../policy/context';
import { sourced } from '../policy/normalize';
import type { PrincipalIdentity } from '../policy/principal';
import type { SourcedPolicy } from '../policy/types';
import { orgPathOf, type ScenarioWorld } from '../scenario/buildWorld';
import type { RequestContexts } from '../scenario/requests';
import type { PrincipalEntity, PrincipalType } from '../world';
import { accountOfArn, type NamedInPolicies } from './names';
import type { AnalysisSubject } from './types';

/**
 * The principals an analysis decides for: every drawn principal, and the outsiders the scenario's
 * policies can admit (see `AnalysisSubject`). An outsider is a principal entity of the engine like any
 * other — with an identity policy that allows everything, because its own account is not drawn — and its
 * requests carry the condition keys that describe it, so `aws:PrincipalOrgID`, `aws:PrincipalAccount` or
 * `aws:SourceAccount` conditions keep it out exactly when they would keep such a principal out.
 */

/** The identity policy an outsider is decided with: "if its own account allows it". */
const ASSUMED_ALLOW: SourcedPolicy = sourced(
  { Version: '2012-10-17', Statement: [{ Sid: 'IfItsOwnAccountAllowsIt', Effect: 'Allow', Action: '*', Resource: '*' }] },
  { kind: 'identity', name: 'Assumed: its own account allows it (not drawn)' },
);

/** How a condition key may be set when the analysis looks for an allowed request (see `witness.ts`). */
export type KeyRule = 'fixed' | 'free' | 'own-account-arn' | 'source-arn';

export interface SubjectRuntime {
  readonly index: number;
  readonly subject: AnalysisSubject;
  /** The entity decided: a drawn role's session, an outsider's stand-in. */
  readonly entity: PrincipalEntity;
  readonly actingArn: string;
  readonly identity: PrincipalIdentity;
  /** The drawn principal, for drawn subjects (its requests are built as its edges' are). */
  readonly model?: Principal;
  /** Condition keys describing the principal (drawn ones: built by the request builder on demand). */
  readonly keys?: RawContext;
  /** The account its `aws:PrincipalArn` / `aws:SourceArn` must stay in when the analysis sets them. */
  readonly ownAccount?: string;
  /** How each condition key may be set, by lower-cased key. */
  keyRule(lowerKey: string): KeyRule;
}

/** Keys that describe who the principal is or where the resource is: never chosen by the caller. */
const FIXED: ReadonlySet<string> = new Set([
  'aws:principalaccount', 'aws:principalorgid', 'aws:principalorgpaths', 'aws:principalisawsservice', 'aws:principalservicename',
  'aws:principalservicenameslist', 'aws:principaltype', 'aws:resourceaccount', 'aws:resourceorgid', 'aws:resourceorgpaths',
  'kms:calleraccount', 'aws:sourceaccount', 'aws:sourceorgid', 'aws:sourceorgpaths', 'aws:sourceowner', 'aws:calledvia',
  'aws:calledviafirst', 'aws:calledvialast', 'aws:viaawsservice', 'aws:sourcearn',
]);
/** Keys of the principal's own identity: fixed for a drawn or named principal, chosen by an outsider's account. */
const IDENTITY: ReadonlySet<string> = new Set(['aws:principalarn', 'aws:userid', 'aws:username']);

function isFixedAlways(key: string): boolean {
  return FIXED.has(key) || key.startsWith('aws:resourcetag/');
}

const fixedIdentity = (key: string): KeyRule => (isFixedAlways(key) || IDENTITY.has(key) || key.startsWith('aws:principaltag/') ? 'fixed' : 'free');
/** An outsider standing for many principals: its account's administrator names and tags them. */
const outsiderRule = (key: string): KeyRule => (key === 'aws:principalarn' ? 'own-account-arn' : isFixedAlways(key) ? 'fixed' : 'free');
const serviceRule = (key: string): KeyRule => (key === 'aws:sourcearn' ? 'source-arn' : isFixedAlways(key) || IDENTITY.has(key) || key.startsWith('aws:principaltag/') ? 'fixed' : 'free');

/** Stand-in account ids for outsiders whose account is not drawn: 12 digits no drawing or policy uses. */
function standIns(used: ReadonlySet<string>): () => string {
  let n = 0;
  return () => {
    let id: string;
    do id = String(n++).padStart(12, '0');
    while (used.has(id));
    return id;
  };
}

/** The drawn principals' subjects, and the outsiders named in the scenario's policies. */
export function buildSubjects(scenario: Scenario, world: ScenarioWorld, contexts: RequestContexts, named: NamedInPolicies): SubjectRuntime[] {
  const out: SubjectRuntime[] = [];
  const accountLabel = (id: string): string => {
    const a = world.accountsById.get(id);
    return a && a.name !== id ? `${a.name} (${id})` : id;
  };
  const orgOf = (account: string | undefined) => {
    const a = account !== undefined ? world.accountsById.get(account) : undefined;
    const org = a?.organizationId !== undefined ? world.orgsById.get(a.organizationId) : undefined;
    return { account: a, org };
  };
  /** Keys that describe an IAM principal of `account` (drawn organization membership included). */
  const iamKeys = (account: string, principalArnValue: string | undefined): Record<string, string | readonly string[]> => {
    const keys: Record<string, string | readonly string[]> = { 'aws:PrincipalAccount': account, 'aws:PrincipalIsAWSService': 'false' };
    if (principalArnValue !== undefined) keys['aws:PrincipalArn'] = principalArnValue;
    const { account: a, org } = orgOf(account);
    if (org && a?.organizationId) {
      keys['aws:PrincipalOrgID'] = a.organizationId;
      keys['aws:PrincipalOrgPaths'] = [orgPathOf(org, a.parentId)];
    }
    return keys;
  };
  const push = (s: Omit<SubjectRuntime, 'index'>): void => {
    out.push({ ...s, index: out.length } as SubjectRuntime);
  };

  // Drawn principals (service principals are the service subjects below).
  const drawnServices = new Map<string, string>();
  const drawnArns = new Set<string>();
  for (const p of scenario.principals) {
    if (p.type === 'service') {
      if (!drawnServices.has(p.service.toLowerCase())) drawnServices.set(p.service.toLowerCase(), p.id);
      continue;
    }
    const keys = contexts.principal(p);
    const entry = world.principalsById.get(p.id);
    if (entry) drawnArns.add(entry.entity.arn);
    const type: PrincipalType = p.type === 'iam-user' ? 'user' : p.type === 'iam-role' ? 'assumed-role' : 'root';
    const kind = p.type === 'iam-user' ? 'IAM user' : p.type === 'iam-role' ? 'IAM role' : 'Root user';
    push({
      subject: {
        key: `p:${p.id}`,
        kind: 'drawn',
        label: p.name,
        description: `${kind} ${p.name} of ${accountLabel(p.accountId)}${p.type === 'iam-role' ? `, acting as a session of itself (as its drawn edges are decided)` : ''}.`,
        nodeId: p.id,
        principalType: type,
        account: p.accountId,
        ...(orgOf(p.accountId).account?.organizationId ? { organizationId: orgOf(p.accountId).account?.organizationId as string } : {}),
        assumedIdentity: false,
      },
      entity: keys.acting,
      actingArn: keys.actingArn,
      identity: keys.identity,
      model: p,
      keyRule: fixedIdentity,
    });
  }

  const used = new Set<string>([...world.accountsById.keys(), ...named.accounts]);
  for (const arn of named.principalArns) {
    const a = accountOfArn(arn);
    if (a !== undefined) used.add(a);
  }
  const nextStandIn = standIns(used);
  const outsider = (arn: string, account: string, label: string, type: PrincipalType = 'user', roleArn?: string): PrincipalEntity =>
    principalEntity({ arn, type, account, label, identityPolicies: [ASSUMED_ALLOW], tags: {}, ...(roleArn !== undefined ? { roleArn } : {}) });

  // Any principal of each account a policy names (drawn or not): the account's administrator decides who.
  for (const id of [...named.accounts].sort()) {
    const arn = `arn:aws:iam::${id}:user/any-principal`;
    const label = `Any principal of ${accountLabel(id)}`;
    const entity = outsider(arn, id, label);
    const drawn = world.accountsById.has(id);
    const orgId = orgOf(id).account?.organizationId;
    push({
      subject: {
        key: `account:${id}`,
        kind: 'account',
        label,
        description: `Every IAM user and role of ${accountLabel(id)}${drawn ? ', drawn or not' : ' (not drawn)'}, decided as if its own account allows it${orgId ? `; the SCPs of ${orgId} apply` : ''}.`,
        principalType: 'user',
        account: id,
        ...(orgId ? { organizationId: orgId } : {}),
        assumedIdentity: true,
      },
      entity,
      actingArn: arn,
      identity: identityOf(entity),
      keys: iamKeys(id, arn),
      ownAccount: id,
      keyRule: outsiderRule,
    });
  }

  // Principals named by ARN and not drawn.
  for (const arn of [...named.principalArns].sort()) {
    const account = accountOfArn(arn) ?? '';
    const session = /^arn:(aws[a-z-]*):sts::(\d{12}):assumed-role\/([^/]+)\/(.+)$/.exec(arn);
    const role = /^arn:(aws[a-z-]*):iam::(\d{12}):role\/(?:.*\/)?([^/]+)$/.exec(arn);
    let entity: PrincipalEntity;
    let acting = arn;
    let keysArn = arn;
    let label: string;
    if (session) {
      const roleArn = `arn:${session[1]}:iam::${account}:role/${session[3]}`;
      if (drawnArns.has(roleArn) && world.principal(roleArn)) continue;
      label = `${session[3]}/${session[4]} (role session in ${accountLabel(account)})`;
      entity = outsider(arn, account, label, 'assumed-role', roleArn);
      keysArn = roleArn;
    } else if (role) {
      if (drawnArns.has(arn)) continue;
      label = `${role[3]} (role in ${accountLabel(account)})`;
      acting = `arn:${role[1]}:sts::${account}:assumed-role/${role[3]}/session`;
      entity = outsider(acting, account, label, 'assumed-role', arn);
    } else {
      if (drawnArns.has(arn)) continue;
      label = `${arn.slice(arn.lastIndexOf('/') + 1)} (user in ${accountLabel(account)})`;
      entity = outsider(arn, account, label);
    }
    const orgId = orgOf(account).account?.organizationId;
    push({
      subject: {
        key: `arn:${arn}`,
        kind: 'principal',
        label,
        description: `${arn}, named in a policy but not drawn; decided as if its own account allows it.`,
        principalType: entity.type,
        account,
        ...(orgId ? { organizationId: orgId } : {}),
        assumedIdentity: true,
      },
      entity,
      actingArn: acting,
      identity: identityOf(entity),
      keys: iamKeys(account, keysArn),
      keyRule: fixedIdentity,
    });
  }

  // Any principal of each organization a condition names, in an account that is not drawn.
  for (const orgId of [...named.organizations].sort()) {
    const standIn = nextStandIn();
    const arn = `arn:aws:iam::${standIn}:user/any-principal`;
    const org = world.orgsById.get(orgId);
    const label = `Any principal of organization ${org && org.name !== orgId ? `${org.name} (${orgId})` : orgId}`;
    const entity = outsider(arn, standIn, label);
    push({
      subject: {
        key: `org:${orgId}`,
        kind: 'organization',
        label,
        description: `Any IAM user or role of an account of ${orgId} that is not drawn, decided as if its own account allows it.`,
        principalType: 'user',
        organizationId: orgId,
        assumedIdentity: true,
      },
      entity,
      actingArn: arn,
      identity: identityOf(entity),
      // Its organization path is not known: only the organization id is set.
      keys: { 'aws:PrincipalAccount': standIn, 'aws:PrincipalIsAWSService': 'false', 'aws:PrincipalArn': arn, 'aws:PrincipalOrgID': orgId },
      ownAccount: standIn,
      keyRule: outsiderRule,
    });
  }

  // Anyone: the public, from an account nobody drew, in no organization.
  const elsewhere = nextStandIn();
  if (named.everyone) {
    const arn = `arn:aws:iam::${elsewhere}:user/anyone`;
    const label = 'Anyone (Principal "*")';
    const entity = outsider(arn, elsewhere, label);
    push({
      subject: {
        key: 'public',
        kind: 'public',
        label,
        description: 'Any AWS principal of an account that is not drawn and in no organization, decided as if its own account allows it (Amazon S3 also admits anonymous requests this way).',
        principalType: 'user',
        assumedIdentity: true,
      },
      entity,
      actingArn: arn,
      identity: identityOf(entity),
      keys: { 'aws:PrincipalAccount': elsewhere, 'aws:PrincipalIsAWSService': 'false', 'aws:PrincipalArn': arn },
      ownAccount: elsewhere,
      keyRule: outsiderRule,
    });
  }

  // Service principals, each acting for a resource of one named source account or of an account not drawn.
  const services = new Map<string, Set<string>>();
  for (const [s, sources] of named.services) services.set(s, new Set(sources));
  for (const s of drawnServices.keys()) if (!services.has(s)) services.set(s, new Set());
  for (const service of [...services.keys()].sort()) {
    const nodeId = drawnServices.get(service);
    const sources = [...(services.get(service) as Set<string>)].sort();
    for (const source of [...sources, undefined]) {
      const sourceAccount = source ?? elsewhere;
      const { account: a, org } = orgOf(sourceAccount);
      const keys: Record<string, string | readonly string[]> = { 'aws:PrincipalIsAWSService': 'true', 'aws:PrincipalServiceName': service, 'aws:SourceAccount': sourceAccount };
      if (org && a?.organizationId) {
        keys['aws:SourceOrgID'] = a.organizationId;
        keys['aws:SourceOrgPaths'] = [orgPathOf(org, a.parentId)];
      }
      const label = `${service} for ${source !== undefined ? accountLabel(source) : 'another account'}`;
      const entity = principalEntity({ arn: service, type: 'service', label, identityPolicies: [], tags: {}, ...(nodeId ? { nodeId } : {}) });
      push({
        subject: {
          key: `service:${service}@${source ?? '*'}`,
          kind: 'service',
          label,
          description:
            source !== undefined
              ? `The AWS service ${service} acting for a resource of ${accountLabel(source)} (aws:SourceAccount ${source}).`
              : `The AWS service ${service} acting for a resource of an account that is not drawn — anyone can point it at this resource.`,
          ...(nodeId ? { nodeId } : {}),
          principalType: 'service',
          service,
          ...(source !== undefined ? { sourceAccount: source } : {}),
          ...(a?.organizationId ? { organizationId: a.organizationId } : {}),
          assumedIdentity: false,
        },
        entity,
        actingArn: service,
        identity: identityOf(entity),
        keys,
        ownAccount: sourceAccount,
        keyRule: serviceRule,
      });
    }
  }
  return out;
}

