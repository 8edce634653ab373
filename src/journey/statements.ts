import type { PolicySource, StatementRef } from '../engine';
import { policyCaption, type PolicyDocument, type Scenario } from '../model';

/** Finds the policy document a statement reference points into, as the user wrote it. */
export function policyDocument(scenario: Scenario, source: PolicySource): PolicyDocument | undefined {
  const owner = source.ownerId;
  // A managed policy is its own entry; a group's inline policy is on the group.
  if (source.managed && (source.kind === 'identity' || source.kind === 'boundary')) return scenario.managedPolicies.find((m) => m.id === owner)?.document;
  if (source.via && source.kind === 'identity') return scenario.groups.find((g) => g.id === owner)?.policies.find((np) => np.name === source.name)?.document;
  switch (source.kind) {
    case 'identity':
    case 'boundary':
    case 'trust': {
      const p = scenario.principals.find((x) => x.id === owner);
      if (!p || (p.type !== 'iam-user' && p.type !== 'iam-role')) return undefined;
      if (source.kind === 'boundary') return p.permissionsBoundary;
      if (source.kind === 'trust') return p.type === 'iam-role' ? p.trustPolicy : undefined;
      return p.policies.find((np) => np.name === source.name)?.document;
    }
    case 'resource':
    case 'key':
      return scenario.resources.find((r) => r.id === owner)?.policy;
    case 'scp':
    case 'rcp':
      for (const o of scenario.organizations) {
        const found = o.policies.find((p) => p.id === owner);
        if (found) return found.document;
      }
      return undefined;
    case 'session':
      return scenario.edges.find((e) => e.id === owner)?.sessionPolicy;
  }
}

/** The statement a reference points at, as written (`Statement` may be a single object: index 0). */
export function statementOf(scenario: Scenario, ref: StatementRef): Record<string, unknown> | undefined {
  const doc = policyDocument(scenario, ref.source);
  if (!doc) return undefined;
  const list = Array.isArray(doc.Statement) ? doc.Statement : [doc.Statement];
  return list[ref.index] as Record<string, unknown> | undefined;
}

/** A statement's JSON, indented, for the journey panel. */
export function statementJson(scenario: Scenario, ref: StatementRef): string | undefined {
  const st = statementOf(scenario, ref);
  return st === undefined ? undefined : JSON.stringify(st, null, 2);
}

/** "statement "AliceWrites" of Bucket policy", "statement 2 of ExportResults", "statement 1 of ReadOnlyAccess (AWS managed) via group Admins". */
export function statementName(ref: StatementRef): string {
  return `${ref.sid ? `"${ref.sid}"` : `statement ${ref.index + 1}`} of ${policyCaption(ref.source)}`;
}
