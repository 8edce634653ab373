import { updateResource } from '../model';
import { ACCOUNT_A, ACCOUNT_B, ACCOUNT_C, MANAGEMENT, access, account, laidOut, policy, resource, scenario, user } from './build';
import type { Lesson } from './types';

const ORG = 'o-exampleorg1';
const ROOT = 'r-root';
const BUCKET = 'quarterly-reports';
const BUCKET_OBJECTS = `arn:aws:s3:::${BUCKET}/*`;

const readReports = [{ name: 'ReadReports', document: policy({ Effect: 'Allow', Action: 's3:GetObject', Resource: BUCKET_OBJECTS }) }];

/**
 * IAM User Guide, "IAM Access Analyzer findings" (a finding for every resource-based policy that lets a
 * principal outside the zone of trust in) and "AWS global condition context keys" — aws:PrincipalOrgID:
 * "Compares the identifier of the organization in AWS Organizations to which the requesting principal
 * belongs with the identifier specified in the policy"; using it with Principal "*" "ensures that the
 * principal is a member of the organization".
 */
export const outsideOrganizationLesson: Lesson = {
  id: 'outside-organization',
  title: 'Who outside my organization can read this bucket?',
  summary: 'A bucket meant for the organization admits anyone. The access review finds it; aws:PrincipalOrgID closes it.',
  tags: ['access review', 'zone of trust', 'aws:PrincipalOrgID', 'S3', 'public'],
  text: [
    'The bucket quarterly-reports in the Data account should be readable by the organization: its policy admits "Principal": "*" for s3:GetObject, on the understanding that only colleagues would try. "*" is everyone — any AWS account, and for S3 even anonymous requests.',
    'Open Review in the toolbar. The zone of trust is the organization: any principal outside it that a resource policy lets in is a finding, as IAM Access Analyzer reports it. Here the finding is public — "Anyone" can read the bucket — and it includes partner-bot in the Partner account, which is not in the organization, drawn on the canvas.',
    'Select the bucket and press "Who can reach this?" to see everyone the analysis found: the analyst in the organization, the partner, and anyone. Then try the change below: the aws:PrincipalOrgID condition keeps the statement to principals whose account is in the organization, and the finding disappears.',
  ],
  sources: [
    { title: 'IAM User Guide: IAM Access Analyzer findings', url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-findings.html' },
    { title: 'IAM User Guide: AWS global condition context keys — aws:PrincipalOrgID', url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-principalorgid' },
  ],
  scenario: scenario({
    name: 'Lesson: who outside my organization can read this bucket?',
    description: "A bucket open to \"*\" and meant for the organization; the access review's finding, closed by aws:PrincipalOrgID.",
    organizations: [
      {
        id: ORG,
        name: 'Example org',
        rootId: ROOT,
        managementAccountId: MANAGEMENT,
        ous: [],
        // AWS attaches FullAWSAccess to the root and every account; an action must be allowed at each level.
        policies: [{ id: 'scp-full', name: 'FullAWSAccess', type: 'scp', targets: [ROOT, MANAGEMENT, ACCOUNT_A, ACCOUNT_B], document: policy({ Effect: 'Allow', Action: '*', Resource: '*' }) }],
      },
    ],
    accounts: [
      account(MANAGEMENT, 'Management', { organizationId: ORG }),
      account(ACCOUNT_A, 'Data', { organizationId: ORG }),
      account(ACCOUNT_B, 'Analytics', { organizationId: ORG }),
      account(ACCOUNT_C, 'Partner (outside the organization)'),
    ],
    principals: [user('analyst', 'analyst', ACCOUNT_B, readReports), user('partner', 'partner-bot', ACCOUNT_C, readReports)],
    resources: [resource('reports', 's3-bucket', ACCOUNT_A, BUCKET, policy({ Sid: 'ReadForTheOrganization', Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: BUCKET_OBJECTS }))],
    edges: [
      access('analyst-reads', 'analyst', 'reports', ['s3:GetObject'], { resourcePath: '2026/q3.pdf' }),
      access('partner-reads', 'partner', 'reports', ['s3:GetObject'], { resourcePath: '2026/q3.pdf' }),
    ],
    layout: laidOut('outside-organization'),
    review: { zone: { kind: 'organization', organizationId: ORG }, intended: [] },
  }),
  edges: [
    { id: 'analyst-reads', label: 'analyst (Analytics, in the organization) reads a report', expected: 'allowed', why: '"*" admits her, and her own policy allows s3:GetObject on the bucket.' },
    { id: 'partner-reads', label: 'partner-bot (Partner, outside the organization) reads a report', expected: 'allowed', why: '"*" admits anyone — the partner too, as long as its own account allows it.' },
  ],
  tryThis: [
    {
      id: 'add-org-condition',
      label: 'Add aws:PrincipalOrgID = o-exampleorg1 to the bucket policy',
      apply: (s) =>
        updateResource(s, 'reports', (r) => {
          if (!r.policy || !Array.isArray(r.policy.Statement)) return r;
          const statements = r.policy.Statement;
          if (statements.every((st) => 'Condition' in st)) return r;
          return { ...r, policy: { ...r.policy, Statement: statements.map((st) => ('Condition' in st ? st : { ...st, Condition: { StringEquals: { 'aws:PrincipalOrgID': ORG } } })) } };
        }),
      edgeId: 'partner-reads',
      before: 'allowed',
      after: 'implicit-deny',
      explanation: "Only principals whose account is in o-exampleorg1 match now: the partner's request carries no such organization id. In the review, the public finding is gone — the analyst still reads.",
    },
  ],
};
