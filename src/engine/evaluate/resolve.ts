import { sessionLabel } from '../../model/arn';
import { executeApiOwnerArn } from '../policy/executeApi';
import { splitArn } from '../policy/wildcard';
import { principalEntity, resourceEntity } from '../entities';
import { derivedEntities, type DerivedEntities, type PrincipalEntity, type ResourceEntity, type World } from '../world';

/**
 * Resolves a request's principal and resource in the world, filling in what an ARN alone tells when the
 * entity is not described (a service principal, a role session of a described role, an S3 object of a
 * described bucket).
 */

const SESSION = /^arn:(aws[a-z-]*):sts::(\d{12}):assumed-role\/([^/]+)\/(.+)$/;
const IAM = /^arn:(aws[a-z-]*):iam::(\d{12}):(root|user\/.+|role\/.+)$/;

function lastSegment(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? path : path.slice(i + 1);
}

/** Finds the role a session belongs to (session ARNs carry the role name but not its path). */
function roleOfSession(world: World, account: string, roleName: string, partition: string): PrincipalEntity | undefined {
  return world.principal(`arn:${partition}:iam::${account}:role/${roleName}`) ?? world.roleByName?.(account, roleName);
}

/**
 * Entities derived from an ARN, per world: worlds are immutable, so a derived entity never changes. Kept in
 * the world's own `derived` when it has one, else in a table of worlds.
 */
const derivedByWorld = new WeakMap<World, DerivedEntities>();

function derivedOf(world: World): DerivedEntities {
  const own = world.derived;
  if (own !== undefined) return own;
  let d = derivedByWorld.get(world);
  if (!d) {
    d = derivedEntities();
    derivedByWorld.set(world, d);
  }
  return d;
}

function memo<T>(map: Map<string, T>, key: string, make: () => T): T {
  let value = map.get(key);
  if (value === undefined) {
    value = make();
    map.set(key, value);
  }
  return value;
}

export function resolvePrincipal(world: World, arn: string): PrincipalEntity {
  const known = world.principal(arn);
  if (known && known.type !== 'assumed-role') return known;
  return memo(derivedOf(world).principals, arn, () => derivePrincipal(world, arn, known));
}

function derivePrincipal(world: World, arn: string, known: PrincipalEntity | undefined): PrincipalEntity {
  const session = SESSION.exec(arn);
  if (session) {
    const [, partition = 'aws', account = '', roleName = '', sessionName = ''] = session;
    const role = (known?.roleArn ? world.principal(known.roleArn) : undefined) ?? roleOfSession(world, account, roleName, partition);
    return principalEntity({
      arn,
      type: 'assumed-role',
      account,
      label: known?.label ?? sessionLabel(roleName, sessionName),
      nodeId: known?.nodeId || role?.nodeId || undefined,
      // A session acts with its role's identity policies and boundary only (conformance FORMAT.md, convention 2;
      // IAM: "the session acts with the role's permissions").
      identityPolicies: role?.identityPolicies ?? [],
      permissionsBoundary: role?.permissionsBoundary || undefined,
      tags: role?.tags ?? {},
      roleArn: role?.arn ?? known?.roleArn ?? `arn:${partition}:iam::${account}:role/${roleName}`,
    });
  }
  if (known) return known;
  const iam = IAM.exec(arn);
  if (iam) {
    const [, , account = '', rest = ''] = iam;
    const type = rest === 'root' ? 'root' : rest.startsWith('user/') ? 'user' : 'role';
    return principalEntity({ arn, type, account, label: rest === 'root' ? `root of ${account}` : lastSegment(rest), identityPolicies: [], tags: {}, roleArn: type === 'role' ? arn : undefined });
  }
  // Anything else that is not an ARN is a service principal such as events.amazonaws.com.
  return principalEntity({ arn, type: 'service', label: arn, identityPolicies: [], tags: {} });
}

export function resolveResource(world: World, arn: string): ResourceEntity {
  return world.resource(arn) ?? memo(derivedOf(world).resources, arn, () => deriveResource(world, arn));
}

function deriveResource(world: World, arn: string): ResourceEntity {
  // An S3 object is governed by its bucket's policy (Amazon S3: bucket policies apply to the bucket's objects).
  const s3 = /^arn:(aws[a-z-]*):s3:::([^/]+)\/(.*)$/.exec(arn);
  if (s3) {
    const bucket = world.resource(`arn:${s3[1]}:s3:::${s3[2]}`);
    if (bucket) return resourceEntity({ ...bucket, arn, type: 's3-object', label: `${bucket.label}/${s3[3]}`, policyOwnerLabel: bucket.policyOwnerLabel ?? bucket.label });
  }
  // A stage/method/path of a described API Gateway API (arn:aws:execute-api:REGION:ACCOUNT:API_ID/STAGE/METHOD/PATH):
  // the API's resource policy governs every invocation of it ("Amazon API Gateway resource policies are JSON
  // policy documents that you attach to an API to control whether a specified principal (typically an IAM user
  // or role) can invoke the API", API Gateway: Control access to a REST API with API Gateway resource policies).
  const apiArn = executeApiOwnerArn(arn);
  if (apiArn !== undefined && apiArn !== arn) {
    const api = world.resource(apiArn);
    if (api) return resourceEntity({ ...api, arn, label: `${api.label}${arn.slice(apiArn.length)}`, policyOwnerLabel: api.policyOwnerLabel ?? api.label });
  }
  // A role as the resource of sts:AssumeRole: its trust policy is the resource policy.
  const role = world.principal(arn);
  if (role && role.type === 'role') {
    return resourceEntity({
      arn,
      type: 'iam-role',
      account: role.account || undefined,
      label: role.label,
      nodeId: role.nodeId || undefined,
      resourcePolicy: role.trustPolicy || undefined,
      flavor: 'trust',
      policyName: 'Trust policy',
    });
  }
  const parts = splitArn(arn);
  const account = parts?.[4] || undefined;
  const id = parts?.[5] ?? arn;
  // A KMS key has a key policy; a KMS alias has none: "kms:CreateAlias for the alias. Provide this permission
  // in an IAM policy that is attached to the principal" (AWS KMS Developer Guide: Controlling access to
  // aliases, https://docs.aws.amazon.com/kms/latest/developerguide/alias-access.html). An alias is named by
  // its whole name (alias/aws/s3), not its last segment.
  const kmsAlias = parts?.[2] === 'kms' && id.startsWith('alias/');
  return resourceEntity({
    arn,
    type: 'unknown',
    account,
    label: parts ? (kmsAlias ? id : lastSegment(id)) : arn,
    flavor: parts?.[2] === 'kms' && !kmsAlias ? 'key' : parts?.[2] === 'iam' ? 'trust' : 'resource',
    policyName: 'Resource policy',
  });
}
