import type { ConformanceCase } from '../conformance/caseFormat';

/**
 * Translates a conformance case into the input of an independent evaluator (iam-simulate's `Simulation`
 * shape), without importing it: the import lives in the test and the benchmark only (AGPL).
 */
export interface OracleInput {
  request: { principal: string; action: string; resource: { resource: string; accountId: string }; contextVariables: Record<string, string | string[]> };
  identityPolicies: { name: string; policy: unknown }[];
  serviceControlPolicies: { orgIdentifier: string; policies: { name: string; policy: unknown }[] }[];
  resourceControlPolicies: { orgIdentifier: string; policies: { name: string; policy: unknown }[] }[];
  resourcePolicy?: unknown;
  permissionBoundaryPolicies?: { name: string; policy: unknown }[];
  sessionPolicy?: unknown;
}

export function oracleInput(c: ConformanceCase): OracleInput {
  const req = c.request ?? c.steps?.[0];
  if (!req) throw new Error(`case ${c.id} has no request`);
  let principal = c.principals.find((p) => p.arn === req.principal);
  const acting = principal?.type === 'assumed-role' ? c.principals.find((p) => p.arn === principal?.roleArn) : principal;
  const resource = c.resources.find((r) => r.arn === req.resource);
  // A resource the case does not describe (a service-linked role, a KMS alias) is in the account its ARN
  // names, as the engine reads it; "*" and an AWS managed policy (account "aws") name none.
  const arnAccount = req.resource.split(':')[4];
  const resourceAccount = resource?.account ?? (arnAccount !== undefined && /^\d{12}$/.test(arnAccount) ? arnAccount : '');
  const principalAccount = principal?.account;
  const isService = principal?.type === 'service' || !req.principal.startsWith('arn:');
  if (isService) principal = undefined;
  const levels = (kind: 'scps' | 'rcps', account: string | undefined) => {
    if (!account) return [];
    const org = c.organizations.find((o) => o.accounts.includes(account));
    if (!org || org.managementAccount === account || org[kind].length === 0) return [];
    // iam-simulate attaches RCPFullAWSAccess itself and refuses it as input.
    const list = kind === 'rcps' ? org.rcps.filter((p) => p.name !== 'RCPFullAWSAccess') : org.scps;
    return [
      { orgIdentifier: 'root', policies: list.filter((p) => p.target === 'root').map((p) => ({ name: p.name, policy: p.document })) },
      { orgIdentifier: account, policies: list.filter((p) => p.target === account).map((p) => ({ name: p.name, policy: p.document })) },
    ];
  };
  // The root user "has full access" to its account (How AWS enforcement code logic evaluates requests); the
  // oracle has no such notion, so the root's side is given as an identity policy that allows everything.
  // Everything else (SCPs, the resource side, KMS key policies and trust policies) still applies to it.
  const rootPolicy = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] };
  const identity = principal?.type === 'root' ? [rootPolicy] : (acting?.identityPolicies ?? []);
  return {
    request: { principal: req.principal, action: req.action, resource: { resource: req.resource, accountId: resourceAccount }, contextVariables: { ...req.context } },
    identityPolicies: isService ? [] : identity.map((policy, i) => ({ name: `p${i}`, policy })),
    serviceControlPolicies: isService ? [] : levels('scps', principalAccount),
    resourceControlPolicies: levels('rcps', resourceAccount),
    ...(resource?.resourcePolicy ? { resourcePolicy: resource.resourcePolicy } : {}),
    ...(!isService && acting?.permissionsBoundary ? { permissionBoundaryPolicies: [{ name: 'boundary', policy: acting.permissionsBoundary }] } : {}),
    ...(req.sessionPolicy ? { sessionPolicy: req.sessionPolicy } : {}),
  };
}
