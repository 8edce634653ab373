/** hcl2-parser (MIT): HashiCorp's HCL v2 parser compiled to JavaScript; test-only. */
declare module 'hcl2-parser' {
  /** `[value, null]` for valid HCL, `[null, error]` otherwise. */
  export function parseToObject(text: string): [Record<string, unknown> | null, unknown];
  const hcl: { parseToObject: typeof parseToObject };
  export default hcl;
}
