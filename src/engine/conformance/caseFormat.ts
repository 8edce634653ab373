import { z } from 'zod';

/**
 * The conformance case format (shared/conformance/FORMAT.md), validated before use: case files are input
 * from outside like any other.
 */

const policy = z.record(z.string(), z.unknown());
const context = z.record(z.string(), z.union([z.string(), z.array(z.string())]));

const orgPolicy = z.object({ name: z.string(), target: z.string(), document: policy });

export const caseRequestSchema = z.object({
  principal: z.string(),
  action: z.string(),
  resource: z.string(),
  context: context.default({}),
  sessionPolicy: policy.optional(),
});

export const caseSchema = z
  .object({
    id: z.string(),
    title: z.string().default(''),
    source: z.string().default(''),
    accounts: z.array(z.string()).default([]),
    organizations: z
      .array(
        z.object({
          id: z.string(),
          managementAccount: z.string(),
          accounts: z.array(z.string()),
          scps: z.array(orgPolicy).default([]),
          rcps: z.array(orgPolicy).default([]),
        }),
      )
      .default([]),
    principals: z
      .array(
        z.object({
          arn: z.string(),
          type: z.enum(['user', 'role', 'root', 'service', 'assumed-role']),
          account: z.string().optional(),
          identityPolicies: z.array(policy).default([]),
          permissionsBoundary: policy.optional(),
          trustPolicy: policy.optional(),
          tags: z.record(z.string(), z.string()).default({}),
          roleArn: z.string().optional(),
        }),
      )
      .default([]),
    resources: z
      .array(
        z.object({
          arn: z.string(),
          type: z.string(),
          account: z.string().optional(),
          resourcePolicy: policy.nullable().optional(),
          bucket: z.string().optional(),
        }),
      )
      .default([]),
    request: caseRequestSchema.optional(),
    expected: z.enum(['allowed', 'denied']).optional(),
    steps: z.array(caseRequestSchema).optional(),
    expectedSteps: z.array(z.enum(['allowed', 'denied'])).optional(),
    expectedReason: z.string().optional(),
    tags: z.array(z.string()).default([]),
  })
  .refine((c) => (c.request !== undefined && c.expected !== undefined) !== (c.steps !== undefined && c.expectedSteps !== undefined), {
    message: 'a case needs exactly one of request+expected or steps+expectedSteps',
  })
  .refine((c) => !c.steps || c.steps.length === c.expectedSteps?.length, { message: 'steps and expectedSteps differ in length' });

export const caseFileSchema = z.object({ version: z.literal(1), cases: z.array(caseSchema) });

export type ConformanceCase = z.infer<typeof caseSchema>;
export type ConformanceRequest = z.infer<typeof caseRequestSchema>;
