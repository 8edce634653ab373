import { findNodeAtLocation, type Node, type ParseError, parseTree, printParseErrorCode } from 'jsonc-parser';
import { findDepthExcess } from '../../model/jsonDepth';
import { conditionValueProblem, isKnownConditionOperator, variableNotSubstituted } from '../policy/conditions';
import { EXECUTE_API_SHORTHAND } from '../policy/executeApi';
import { principalJson, principalObjectFor } from '../policy/principal';
import { judgeAction } from './actions';
import { closestGlobalKey, closestService, GLOBAL_CONDITION_KEYS, KNOWN_SERVICE_PREFIXES, RESOURCE_TYPE_SERVICE } from './services';

/**
 * Policy checks for the editor: JSON syntax errors, grammar errors and warnings, each located at the exact
 * characters concerned (IAM User Guide: "IAM JSON policy element reference" and the pages for each element).
 */

export type PolicyContextKind = 'identity' | 'boundary' | 'session' | 'resource' | 'trust' | 'key' | 'scp' | 'rcp';

/** A one-click fix for a problem: replace the characters `from`–`to` with `insert`. */
export interface PolicyFix {
  /** What the button says: "Use { "AWS": "arn:…" }". */
  readonly label: string;
  readonly from: number;
  readonly to: number;
  readonly insert: string;
}

export interface PolicyProblem {
  readonly severity: 'error' | 'warning';
  /** A stable code, e.g. `json-syntax`, `unknown-element`, `principal-in-identity-policy`. */
  readonly code: string;
  /** Plain English; says what to change. */
  readonly message: string;
  /** Character offsets into the text. */
  readonly from: number;
  readonly to: number;
  /** 1-based position of `from`. */
  readonly line: number;
  readonly column: number;
  readonly statementIndex?: number;
  /** When the right text is known: the edit that fixes it. */
  readonly fix?: PolicyFix;
}

export interface CheckOptions {
  readonly kind: PolicyContextKind;
  /** The resource a resource/key policy is attached to (`s3-bucket`, `kms-key`, ...). */
  readonly resourceType?: string;
}

const TOP_LEVEL = new Set(['Version', 'Id', 'Statement']);
const STATEMENT_ELEMENTS = new Set(['Sid', 'Effect', 'Principal', 'NotPrincipal', 'Action', 'NotAction', 'Resource', 'NotResource', 'Condition']);
const PRINCIPAL_KEYS = new Set(['AWS', 'Service', 'Federated', 'CanonicalUser']);
const NO_PRINCIPAL: ReadonlySet<PolicyContextKind> = new Set(['identity', 'boundary', 'session', 'scp']);
const KIND_NAMES: Record<PolicyContextKind, string> = {
  identity: 'an identity-based policy',
  boundary: 'a permissions boundary',
  session: 'a session policy',
  resource: 'a resource-based policy',
  trust: 'a role trust policy',
  key: 'a key policy',
  scp: 'a service control policy',
  rcp: 'a resource control policy',
};
const AWS_PRINCIPAL = /^(\*|\d{12}|arn:aws[a-z-]*:iam::\d{12}:(root|user\/.+|role\/.+|federated-user\/.+)|arn:aws[a-z-]*:sts::\d{12}:(assumed-role\/[^/]+\/.+|federated-user\/.+))$/;
const ACTION = /^[a-zA-Z0-9-]+:[a-zA-Z0-9*?]+$/;
const TRUST_ACTIONS = new Set(['sts:assumerole', 'sts:assumerolewithsaml', 'sts:assumerolewithwebidentity', 'sts:tagsession', 'sts:setsourceidentity', 'sts:setcontext']);

class Located {
  private readonly lineStarts: number[] = [0];
  readonly problems: PolicyProblem[] = [];
  constructor(text: string) {
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) this.lineStarts.push(i + 1);
  }
  position(offset: number): { line: number; column: number } {
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.lineStarts[mid] as number) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - (this.lineStarts[lo] as number) + 1 };
  }
  add(severity: 'error' | 'warning', code: string, message: string, from: number, to: number, statementIndex?: number, fix?: PolicyFix): void {
    this.problems.push({ severity, code, message, from, to: Math.max(to, from), ...this.position(from), ...(statementIndex !== undefined ? { statementIndex } : {}), ...(fix ? { fix } : {}) });
  }
  at(node: Node, severity: 'error' | 'warning', code: string, message: string, statementIndex?: number, fix?: PolicyFix): void {
    this.add(severity, code, message, node.offset, node.offset + node.length, statementIndex, fix);
  }
}

function properties(node: Node | undefined): Array<{ key: Node; value: Node | undefined; name: string }> {
  if (!node || node.type !== 'object') return [];
  return (node.children ?? []).map((p) => {
    const key = p.children?.[0] as Node;
    return { key, value: p.children?.[1], name: String(key.value) };
  });
}

/** String values of a string-or-array-of-strings node, with their nodes; reports other shapes. */
function stringList(node: Node, out: Located, what: string, si?: number): Array<{ value: string; node: Node }> {
  const items = node.type === 'array' ? (node.children ?? []) : [node];
  const result: Array<{ value: string; node: Node }> = [];
  for (const item of items) {
    if (item.type === 'string') result.push({ value: String(item.value), node: item });
    else out.at(item, 'error', 'not-a-string', `${what} must be a string or an array of strings.`, si);
  }
  return result;
}

/**
 * A Principal written as a plain string (or a list of strings) other than "*": the grammar allows only
 * `("*" | <principal_map>)` (IAM User Guide: Grammar of the IAM JSON policy language,
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html), so AWS refuses to save
 * the policy, and as written the statement names no one. When the values say which principal type they are
 * (an account or IAM ARN is `AWS`, `events.amazonaws.com` is `Service`, ...), the fix writes the object form.
 */
function checkPrincipalStrings(node: Node, values: readonly unknown[], out: Located, si: number, element: string): void {
  const map = principalObjectFor(node.type === 'string' ? node.value : values);
  const suggestion = map ? principalJson(map) : undefined;
  const what = node.type === 'string' ? 'a plain string' : 'a list of strings';
  out.at(
    node,
    'error',
    'principal-not-an-object',
    `${element} is ${what}, which names no one: only "*" may be written that way, so AWS refuses the policy. ${suggestion ? `Put it under its principal type: ${suggestion}.` : 'Write an object such as {"AWS": "arn:aws:iam::111122223333:root"} or {"Service": "events.amazonaws.com"}.'}`,
    si,
    suggestion ? { label: `Use ${suggestion}`, from: node.offset, to: node.offset + node.length, insert: suggestion } : undefined,
  );
}

function checkPrincipal(node: Node, out: Located, si: number, opts: CheckOptions, element: string): { wildcard: boolean } {
  if (node.type === 'string') {
    if (node.value !== '*') checkPrincipalStrings(node, [node.value], out, si, element);
    return { wildcard: node.value === '*' };
  }
  if (node.type === 'array' && (node.children ?? []).length > 0 && (node.children ?? []).every((c) => c.type === 'string')) {
    checkPrincipalStrings(node, (node.children ?? []).map((c) => c.value as unknown), out, si, element);
    return { wildcard: false };
  }
  if (node.type !== 'object') {
    out.at(node, 'error', 'bad-principal', `${element} must be "*" or an object with AWS, Service, Federated or CanonicalUser.`, si);
    return { wildcard: false };
  }
  let wildcard = false;
  for (const { key, value, name } of properties(node)) {
    if (!PRINCIPAL_KEYS.has(name)) {
      out.at(key, 'error', 'bad-principal-type', `Unknown principal type "${name}": use AWS, Service, Federated or CanonicalUser.`, si);
      continue;
    }
    if (!value) continue;
    for (const { value: v, node: vn } of stringList(value, out, `${element}.${name}`, si)) {
      if (name === 'AWS') {
        if (v === '*') wildcard = true;
        else if (!AWS_PRINCIPAL.test(v) || v.includes('*')) {
          out.at(vn, 'error', 'bad-aws-principal', `"${v}" is not an AWS principal: use a 12-digit account id, arn:aws:iam::ACCOUNT:root, a user, role or assumed-role ARN, or "*". Wildcards inside ARNs are not allowed.`, si);
        }
      } else if (name === 'Service' && !/^[a-z0-9.-]+\.amazonaws\.com(\.cn)?$/.test(v)) {
        out.at(vn, 'warning', 'bad-service-principal', `"${v}" does not look like a service principal such as events.amazonaws.com.`, si);
      }
    }
  }
  if (opts.kind === 'rcp' && !wildcard) out.at(node, 'error', 'rcp-principal', 'In a resource control policy, Principal must be "*" (use conditions such as aws:PrincipalOrgID to narrow it).', si);
  return { wildcard };
}

function checkActions(node: Node, out: Located, si: number, opts: CheckOptions, element: string): string[] {
  const actions: string[] = [];
  for (const { value, node: vn } of stringList(node, out, element, si)) {
    actions.push(value);
    if (value === '*') continue;
    if (!ACTION.test(value)) {
      out.at(vn, 'error', 'bad-action', `"${value}" is not an action: write service:Action, e.g. s3:GetObject (wildcards * and ? allowed).`, si);
      continue;
    }
    const service = value.slice(0, value.indexOf(':')).toLowerCase();
    if (!KNOWN_SERVICE_PREFIXES.has(service)) {
      const guess = closestService(service);
      out.at(vn, 'warning', 'unknown-service-prefix', `Unknown service prefix "${service}"${guess ? ` — did you mean "${guess}"?` : '.'}`, si);
    } else if (element === 'Action' && (opts.kind === 'resource' || opts.kind === 'key') && opts.resourceType) {
      const expected = RESOURCE_TYPE_SERVICE[opts.resourceType];
      if (expected && service !== expected) out.at(vn, 'warning', 'action-not-for-resource', `${value} cannot apply to this ${opts.resourceType.replace('-', ' ')}: its actions start with ${expected}:.`, si);
    } else if (element === 'Action' && opts.kind === 'trust' && !TRUST_ACTIONS.has(value.toLowerCase()) && !value.toLowerCase().startsWith('sts:')) {
      out.at(vn, 'warning', 'action-not-for-trust', `A trust policy controls who may assume the role: ${value} has no effect here (use sts:AssumeRole).`, si);
    }
    if (KNOWN_SERVICE_PREFIXES.has(service)) checkActionName(value, vn, out, si, element);
  }
  return actions;
}

/**
 * An action the service does not define matches no request (and, in NotAction, excludes nothing): IAM
 * accepts the policy but the statement silently does less than written. Judged against the service's
 * "Actions defined by …" list in the Service Authorization Reference (`actions.ts`); services whose list is
 * not held here are not judged.
 */
function checkActionName(value: string, node: Node, out: Located, si: number, element: string): void {
  const verdict = judgeAction(value);
  if (verdict.kind === 'unknown') {
    const what = `${value} is not ${verdict.service.article} ${verdict.service.label} action`;
    const effect = element === 'NotAction' ? 'so NotAction excludes nothing with it' : 'so it matches no request';
    // The same closest name the inspector offers for an edge's actions, as a one-click fix (inside the quotes).
    const fix = verdict.suggestion ? { label: `Use ${verdict.suggestion}`, from: node.offset + 1, to: node.offset + node.length - 1, insert: verdict.suggestion } : undefined;
    out.at(node, 'warning', 'unknown-action', verdict.suggestion ? `${what} — did you mean ${verdict.suggestion}?` : `${what}, ${effect}.`, si, fix);
  } else if (verdict.kind === 'matches-none') {
    out.at(node, 'warning', 'unknown-action', `${value} matches no ${verdict.service.label} action.`, si);
  }
}

function checkCondition(node: Node, out: Located, si: number): void {
  if (node.type !== 'object') {
    out.at(node, 'error', 'bad-condition', 'Condition must be an object: {"Operator": {"key": "value"}}.', si);
    return;
  }
  for (const { key, value, name } of properties(node)) {
    if (!isKnownConditionOperator(name)) out.at(key, 'error', 'unknown-condition-operator', `Unknown condition operator "${name}".`, si);
    if (!value || value.type !== 'object') {
      if (value) out.at(value, 'error', 'bad-condition', `${name} must map condition keys to values.`, si);
      continue;
    }
    for (const entry of properties(value)) {
      const v = entry.value;
      checkConditionKey(entry.key, entry.name, out, si);
      if (!v) continue;
      const items = v.type === 'array' ? (v.children ?? []) : [v];
      for (const item of items) {
        if (!['string', 'number', 'boolean'].includes(item.type)) {
          out.at(item, 'error', 'bad-condition-value', `Values of ${entry.name} must be strings, numbers or booleans.`, si);
          continue;
        }
        // AWS refuses a policy whose numeric, date, IP address, Bool or Null values are malformed.
        const problem = conditionValueProblem(name, String(item.value));
        if (problem) out.at(item, 'error', 'bad-condition-value', `${problem}.`, si);
        const literal = variableNotSubstituted(name, String(item.value));
        if (literal) out.at(item, 'warning', 'variable-not-substituted', `${literal}.`, si);
      }
    }
  }
}

/** Warns about an aws: key that is not a global condition key (usually a typo). */
function checkConditionKey(keyNode: Node, name: string, out: Located, si: number): void {
  const lower = name.toLowerCase();
  if (!lower.startsWith('aws:')) return;
  const slash = lower.indexOf('/');
  const known = slash >= 0 ? GLOBAL_CONDITION_KEYS.has(lower.slice(0, slash + 1)) : GLOBAL_CONDITION_KEYS.has(lower);
  if (known) return;
  const guess = closestGlobalKey(slash >= 0 ? lower.slice(0, slash + 1) : lower);
  out.at(keyNode, 'warning', 'unknown-condition-key', `"${name}" is not an AWS global condition key${guess ? ` — did you mean "${guess}"?` : ''}; a key that is never in the request makes the condition fail.`, si);
}

/**
 * A Resource / NotResource entry that is neither "*" nor an ARN matches no request. The one exception is
 * API Gateway's shorthand in an API's own resource policy: "you can specify the resource
 * execute-api:/stage-name/GET/pets in a resource policy. API Gateway converts the resource to
 * arn:aws:execute-api:us-east-2:123456789012:aabbccddee/stage-name/GET/pets when you save the resource policy"
 * (API Gateway resource policy examples,
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-resource-policies-examples.html).
 */
function checkResourceEntry(value: string, node: Node, out: Located, si: number, opts: CheckOptions): void {
  if (value === '*' || value.startsWith('arn:') || value.startsWith('${')) return;
  if (value.startsWith(EXECUTE_API_SHORTHAND)) {
    if (opts.kind === 'resource' && opts.resourceType === 'apigateway-rest-api') return;
    out.at(node, 'warning', 'execute-api-shorthand', `"${value}" is API Gateway shorthand, expanded only in an API's own resource policy; here it is not an ARN and matches nothing. Write arn:aws:execute-api:REGION:ACCOUNT:API_ID/${value.slice(EXECUTE_API_SHORTHAND.length)}.`, si);
    return;
  }
  out.at(node, 'warning', 'resource-not-arn', `"${value}" is not an ARN, so it matches nothing: write "*" or an ARN such as arn:aws:s3:::bucket/*.`, si);
}

/** The service of a concrete ARN in a Resource element (`arn:aws:sqs:...` → `sqs`), if it names one. */
function arnService(resource: string): string | undefined {
  const m = /^arn:aws[a-z-]*:([a-z0-9-]+):/.exec(resource);
  return m && !m[1]?.includes('*') ? m[1] : undefined;
}

/** Services whose actions act on another service's ARNs (STS on IAM roles; API Gateway invoke on execute-api). */
const ACTION_SERVICE_ALIASES: Readonly<Record<string, readonly string[]>> = { sts: ['iam', 'sts'], 'execute-api': ['execute-api'] };

function checkStatement(stmt: Node, si: number, out: Located, opts: CheckOptions, version: string | undefined, sids: Map<string, Node>): void {
  if (stmt.type !== 'object') {
    out.at(stmt, 'error', 'bad-statement', 'Each statement must be an object.', si);
    return;
  }
  const els = new Map<string, { key: Node; value: Node | undefined }>();
  for (const { key, value, name } of properties(stmt)) {
    if (!STATEMENT_ELEMENTS.has(name)) out.at(key, 'error', 'unknown-element', `Unknown element "${name}" in a statement.`, si);
    els.set(name, { key, value });
  }
  const get = (name: string): Node | undefined => els.get(name)?.value;

  const sid = get('Sid');
  if (sid) {
    if (sid.type !== 'string') out.at(sid, 'error', 'bad-sid', 'Sid must be a string.', si);
    else {
      const text = String(sid.value);
      if (sids.has(text)) out.at(sid, 'warning', 'duplicate-sid', `Sid "${text}" is used by another statement; Sids should be unique.`, si);
      sids.set(text, sid);
      if (NO_PRINCIPAL.has(opts.kind) && !/^[A-Za-z0-9]*$/.test(text)) out.at(sid, 'warning', 'sid-characters', 'In IAM policies a Sid may contain only letters and digits.', si);
    }
  }

  const effect = get('Effect');
  if (!effect) out.at(stmt, 'error', 'missing-effect', 'The statement needs "Effect": "Allow" or "Deny".', si);
  else if (effect.value !== 'Allow' && effect.value !== 'Deny') out.at(effect, 'error', 'bad-effect', `Effect must be exactly "Allow" or "Deny"${typeof effect.value === 'string' && /^(allow|deny)$/i.test(effect.value) ? ' (it is case-sensitive)' : ''}.`, si);
  const isAllow = effect?.value === 'Allow';

  const action = get('Action');
  const notAction = get('NotAction');
  if (action && notAction) out.at(els.get('NotAction')?.key as Node, 'error', 'both-action-and-notaction', 'Use either Action or NotAction, not both.', si);
  if (!action && !notAction) out.at(stmt, 'error', 'missing-action', 'The statement needs Action or NotAction.', si);
  const actions = action ? checkActions(action, out, si, opts, 'Action') : [];
  if (notAction) checkActions(notAction, out, si, opts, 'NotAction');

  const resource = get('Resource');
  const notResource = get('NotResource');
  if (resource && notResource) out.at(els.get('NotResource')?.key as Node, 'error', 'both-resource-and-notresource', 'Use either Resource or NotResource, not both.', si);
  if (opts.kind === 'trust') {
    for (const name of ['Resource', 'NotResource']) {
      const e = els.get(name);
      if (e) out.at(e.key, 'error', 'resource-in-trust-policy', `A trust policy has no ${name}: the role itself is the resource.`, si);
    }
  } else if (!resource && !notResource && opts.kind !== 'rcp') {
    out.at(stmt, 'error', 'missing-resource', 'The statement needs Resource or NotResource (use "*" for all).', si);
  }
  const resourceItems = resource ? stringList(resource, out, 'Resource', si) : [];
  const resources = resourceItems.map((r) => r.value);
  if (opts.kind !== 'trust') {
    for (const { value, node: vn } of [...resourceItems, ...(notResource ? stringList(notResource, out, 'NotResource', si) : [])]) checkResourceEntry(value, vn, out, si, opts);
  }

  const principal = get('Principal');
  const notPrincipal = get('NotPrincipal');
  let wildcardPrincipal = false;
  for (const [name, node] of [['Principal', principal], ['NotPrincipal', notPrincipal]] as const) {
    if (!node) continue;
    const key = els.get(name)?.key as Node;
    if (NO_PRINCIPAL.has(opts.kind)) {
      out.at(key, 'error', 'principal-in-identity-policy', `${name} is not allowed in ${KIND_NAMES[opts.kind]}: the principal is whoever the policy is attached to.`, si);
      continue;
    }
    const r = checkPrincipal(node, out, si, opts, name);
    if (name === 'Principal') wildcardPrincipal = r.wildcard;
    if (name === 'NotPrincipal') {
      if (isAllow) out.at(key, 'error', 'notprincipal-with-allow', 'NotPrincipal can only be used with "Effect": "Deny".', si);
      if (opts.kind === 'trust' || opts.kind === 'rcp') out.at(key, 'error', 'notprincipal-not-supported', `NotPrincipal is not supported in ${KIND_NAMES[opts.kind]}.`, si);
    }
  }
  if (!NO_PRINCIPAL.has(opts.kind) && !principal && !notPrincipal) {
    out.at(stmt, 'error', 'missing-principal', `The statement needs a Principal: ${KIND_NAMES[opts.kind]} must say whom it applies to.`, si);
  }

  const condition = get('Condition');
  if (condition) checkCondition(condition, out, si);

  if (isAllow && wildcardPrincipal && !condition && opts.kind !== 'rcp') {
    out.at(principal as Node, 'warning', 'wildcard-principal-no-condition', 'Anyone in any AWS account — even anonymous callers — is allowed. Add a condition such as aws:PrincipalOrgID, aws:SourceArn or aws:SourceAccount.', si);
  }
  if (opts.kind === 'rcp' && isAllow && !(actions.includes('*') && resources.includes('*'))) {
    out.at(effect as Node, 'warning', 'rcp-allow', 'RCPs can only restrict: Allow is reserved for RCPFullAWSAccess. Write a Deny with conditions instead.', si);
  }
  if (opts.kind === 'identity' && isAllow && actions.includes('*') && resources.includes('*') && !condition) {
    out.at(action as Node, 'warning', 'full-admin', 'This grants every action on every resource, including whatever other accounts grant this account later.', si);
  }
  // An action cannot apply to a resource of another service: Action s3:GetObject on an SQS queue ARN
  // matches nothing (each service's "Resource types" table in the Service Authorization Reference).
  // (Resource-based policies are checked against the resource type the editor passes, in checkActions.)
  if ((opts.kind === 'identity' || opts.kind === 'boundary' || opts.kind === 'session') && action && resources.length > 0) {
    const services = resources.map(arnService);
    if (services.every((x) => x !== undefined)) {
      for (const vn of action.type === 'array' ? (action.children ?? []) : [action]) {
        if (vn.type !== 'string') continue;
        const value = String(vn.value);
        if (value === '*' || !value.includes(':')) continue;
        const svc = value.slice(0, value.indexOf(':')).toLowerCase();
        if (svc.includes('*') || svc.includes('?')) continue;
        const accepted = ACTION_SERVICE_ALIASES[svc] ?? [svc];
        if (!services.some((x) => accepted.includes(x as string))) {
          out.at(vn, 'warning', 'action-not-for-resource', `${value} cannot apply to ${resources.length === 1 ? 'this resource' : 'these resources'}: ${svc}: actions act on ${svc} ARNs, not on ${[...new Set(services)].join(', ')} ARNs.`, si);
        }
      }
    }
  }
  // S3 object actions act on arn:aws:s3:::bucket/key, never on the bucket ARN itself.
  const objectActions = actions.filter((a) => /^s3:.*Object/i.test(a));
  if (objectActions.length > 0 && resources.length > 0 && resources.every((r) => /^arn:aws[a-z-]*:s3:::[^/*]+$/.test(r))) {
    out.at(resource as Node, 'warning', 's3-object-resource', `${objectActions[0]} acts on objects: add "${resources[0]}/*" to Resource.`, si);
  }
  if (version !== '2012-10-17') {
    // Nodes point at their parents, so collect the strings by walking the tree (never stringify nodes).
    const strings: string[] = [...resources];
    const walk = (n: Node | undefined): void => {
      if (!n) return;
      if (n.type === 'string') strings.push(String(n.value));
      for (const child of n.children ?? []) walk(child);
    };
    walk(condition);
    if (strings.some((x) => x.includes('${'))) out.at(stmt, 'warning', 'variables-need-2012-10-17', 'Policy variables like ${aws:username} are only substituted with "Version": "2012-10-17"; here they are literal text.', si);
  }
}

/**
 * Deepest nesting a policy may have. Real policies nest a handful of levels (policy, Statement, statement,
 * Condition, operator, key, values); the limit leaves room for the scenario around the policy within the
 * scenario's own limit (`MAX_JSON_DEPTH`), so a policy the editor applies is always one a saved scenario
 * can hold. It is also what keeps the recursive JSON parser below from overflowing its stack.
 */
export const MAX_POLICY_DEPTH = 32;

/** Checks policy text as typed in the editor. Never throws. */
export function checkPolicyText(text: string, options: CheckOptions): PolicyProblem[] {
  const out = new Located(text);
  if (text.trim() === '') {
    out.add('error', 'empty', 'The policy is empty: write a JSON object with Version and Statement.', 0, 0);
    return out.problems;
  }
  const deep = findDepthExcess(text, MAX_POLICY_DEPTH);
  if (deep) {
    out.add('error', 'too-deep', `The policy is nested deeper than ${MAX_POLICY_DEPTH} levels here; a policy needs only a few.`, deep.offset, deep.offset + 1);
    return out.problems;
  }
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: false, disallowComments: true, allowEmptyContent: false });
  for (const e of errors) {
    const code = printParseErrorCode(e.error);
    const plain: Record<string, string> = {
      InvalidSymbol: 'Unexpected character',
      InvalidNumberFormat: 'Invalid number',
      PropertyNameExpected: 'A property name in double quotes is expected',
      ValueExpected: 'A value is expected',
      ColonExpected: 'A colon (:) is expected',
      CommaExpected: 'A comma is expected',
      CloseBraceExpected: 'A closing } is expected',
      CloseBracketExpected: 'A closing ] is expected',
      EndOfFileExpected: 'Unexpected text after the end of the policy',
      InvalidCommentToken: 'Comments are not allowed in policies',
      UnexpectedEndOfComment: 'Unterminated comment',
      UnexpectedEndOfString: 'Unterminated string',
      UnexpectedEndOfNumber: 'Incomplete number',
      InvalidUnicode: 'Invalid unicode escape',
      InvalidEscapeCharacter: 'Invalid escape character',
      InvalidCharacter: 'Invalid character in a string',
    };
    out.add('error', 'json-syntax', `${plain[code] ?? code}.`, e.offset, e.offset + e.length);
  }
  if (errors.length > 0 || !root) return out.problems;

  if (root.type !== 'object') {
    out.at(root, 'error', 'not-an-object', 'A policy is a JSON object: {"Version": "2012-10-17", "Statement": [...]}.');
    return out.problems;
  }
  for (const { key, name } of properties(root)) {
    if (!TOP_LEVEL.has(name)) out.at(key, 'error', 'unknown-element', `Unknown top-level element "${name}": a policy has Version, Id and Statement.${STATEMENT_ELEMENTS.has(name) ? ' Put it inside a statement.' : ''}`);
  }
  const versionNode = findNodeAtLocation(root, ['Version']);
  const version = typeof versionNode?.value === 'string' ? versionNode.value : undefined;
  if (!versionNode) {
    out.add('warning', 'missing-version', 'Add "Version": "2012-10-17": without it policy variables are not substituted and newer features are unavailable.', root.offset, root.offset + 1);
  } else if (version !== '2012-10-17' && version !== '2008-10-17') {
    out.at(versionNode, 'error', 'bad-version', 'Version must be "2012-10-17" (or the older "2008-10-17"); it is a fixed date, not today\'s.');
  }
  const statement = findNodeAtLocation(root, ['Statement']);
  if (!statement) {
    out.add('error', 'missing-statement', 'The policy needs a Statement.', root.offset, root.offset + 1);
    return out.problems;
  }
  const statements = statement.type === 'array' ? (statement.children ?? []) : [statement];
  if (statement.type !== 'array' && statement.type !== 'object') {
    out.at(statement, 'error', 'bad-statement', 'Statement must be an object or an array of objects.');
    return out.problems;
  }
  if (statements.length === 0) out.at(statement, 'warning', 'empty-statement', 'This policy has no statements, so it allows nothing.');
  const sids = new Map<string, Node>();
  statements.forEach((s, i) => checkStatement(s, i, out, options, version, sids));
  return out.problems;
}

/** Statement index → character range in the text, for highlighting the statement that decided an edge. */
export function statementRanges(text: string): Array<{ index: number; from: number; to: number }> {
  if (findDepthExcess(text, MAX_POLICY_DEPTH)) return [];
  const root = parseTree(text, [], { allowTrailingComma: true });
  const statement = root ? findNodeAtLocation(root, ['Statement']) : undefined;
  if (!statement) return [];
  const list = statement.type === 'array' ? (statement.children ?? []) : [statement];
  return list.map((n, index) => ({ index, from: n.offset, to: n.offset + n.length }));
}
