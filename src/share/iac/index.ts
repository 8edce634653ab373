/**
 * Infrastructure as code out: the scenario's policies as Terraform (HCL) and CloudFormation (YAML), one file
 * per account — pure functions, no DOM (the File menu downloads them, tests read them back through the import).
 */
export { exportTerraform, hclString } from './terraform';
export { exportCloudFormation } from './cloudformation';
export type { ExportedFile, IacExport } from './common';
