/**
 * The API Gateway shorthand `execute-api:/…` in an API's resource policy.
 *
 * "You can specify the resource execute-api:/stage-name/GET/pets in a resource policy. API Gateway converts
 * the resource to arn:aws:execute-api:us-east-2:123456789012:aabbccddee/stage-name/GET/pets when you save the
 * resource policy. API Gateway builds the full ARN by using the current Region, your AWS account ID, and the
 * ID of the REST API that the resource policy is associated with. You can use execute-api:/* to represent
 * all stages, methods, and paths in the current API." (API Gateway resource policy examples,
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-resource-policies-examples.html;
 * x-amazon-apigateway-policy: "On import, "execute-api:/*" is converted to
 * arn:aws:execute-api:region:account-id:api-id/*".)
 *
 * The conversion happens only for the policy of an API Gateway API, so the engine does it where a resource's
 * policy is attached to its resource (the scenario's and the conformance case's worlds), and nowhere else:
 * in any other policy `execute-api:/*` is not an ARN and matches nothing.
 */

/** The shorthand's prefix; what follows it is the stage/method/path part of the API's ARN. */
export const EXECUTE_API_SHORTHAND = 'execute-api:/';

const EXECUTE_API_ARN = /^arn:([^:]+):execute-api:([^:]*):([^:]*):([^/:]+)(?:\/.*)?$/;

/**
 * The ARN of the API that owns an execute-api ARN (`arn:aws:execute-api:REGION:ACCOUNT:API_ID`), from the
 * API's own ARN or one of its stage/method/path ARNs; `undefined` for any other ARN.
 */
export function executeApiOwnerArn(resourceArn: string): string | undefined {
  const m = EXECUTE_API_ARN.exec(resourceArn);
  return m ? `arn:${m[1]}:execute-api:${m[2]}:${m[3]}:${m[4]}` : undefined;
}

/** One Resource / NotResource entry with the shorthand expanded against `apiArn`. */
export function expandExecuteApiEntry(entry: string, apiArn: string): string {
  return entry.startsWith(EXECUTE_API_SHORTHAND) ? `${apiArn}/${entry.slice(EXECUTE_API_SHORTHAND.length)}` : entry;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function expandElement(value: unknown, apiArn: string): unknown {
  if (typeof value === 'string') return expandExecuteApiEntry(value, apiArn);
  if (!Array.isArray(value)) return value;
  let changed = false;
  const out = value.map((v: unknown) => {
    const e = typeof v === 'string' ? expandExecuteApiEntry(v, apiArn) : v;
    if (e !== v) changed = true;
    return e;
  });
  return changed ? out : value;
}

function mentionsShorthand(value: unknown): boolean {
  if (typeof value === 'string') return value.startsWith(EXECUTE_API_SHORTHAND);
  return Array.isArray(value) && value.some((v) => typeof v === 'string' && v.startsWith(EXECUTE_API_SHORTHAND));
}

/** Expanded documents per original document and API: a world rebuilt for an edit reuses them (and their compiled form). */
const expanded = new WeakMap<object, Map<string, unknown>>();

/**
 * The policy document of the API `resourceArn` (or one of its methods) as API Gateway saves it: every
 * `execute-api:/…` entry of Resource / NotResource replaced by the API's full ARN. Returns `doc` itself when
 * nothing needs expanding or `resourceArn` is not an execute-api ARN, so documents without the shorthand keep
 * their normalized, compiled form. Never changes `doc`.
 */
export function expandExecuteApiShorthand(doc: unknown, resourceArn: string): unknown {
  if (!isObject(doc) || !resourceArn.includes(':execute-api:')) return doc;
  const body = doc['Statement'];
  const list: unknown[] = Array.isArray(body) ? body : [body];
  if (!list.some((s) => isObject(s) && (mentionsShorthand(s['Resource']) || mentionsShorthand(s['NotResource'])))) return doc;
  const apiArn = executeApiOwnerArn(resourceArn);
  if (apiArn === undefined) return doc;
  let byApi = expanded.get(doc);
  const hit = byApi?.get(apiArn);
  if (hit !== undefined) return hit;
  const statement = (s: unknown): unknown => {
    if (!isObject(s)) return s;
    const out: Record<string, unknown> = { ...s };
    if ('Resource' in s) out['Resource'] = expandElement(s['Resource'], apiArn);
    if ('NotResource' in s) out['NotResource'] = expandElement(s['NotResource'], apiArn);
    return out;
  };
  const result = { ...doc, Statement: Array.isArray(body) ? body.map(statement) : statement(body) };
  if (!byApi) {
    byApi = new Map();
    expanded.set(doc, byApi);
  }
  byApi.set(apiArn, result);
  return result;
}
