/**
 * Infrastructure as code out: the scenario's policies as Terraform (HCL) and CloudFormation (YAML), one file
 * per account — pure functions, no DOM (the File menu downloads them, tests read them back through the import).
 */
import { strToU8, zipSync } from 'fflate';
import type { Scenario } from '../../model';
import { exportCloudFormation as cfn } from './cloudformation';
import { exportTerraform as tf } from './terraform';
export { exportTerraform, hclString } from './terraform';
export { exportCloudFormation } from './cloudformation';
export type { ExportedFile, IacExport } from './common';

/** What the File menu downloads: one file for one account, else a zip of one file (or module folder) per account. */
export interface IacDownload {
  readonly fileName: string;
  readonly mime: string;
  readonly data: string | Uint8Array;
  readonly files: number;
  readonly leftOut: readonly string[];
}

/** A file-name-safe stem of the scenario's name. */
function stem(s: Scenario): string {
  return s.name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60) || 'scenario';
}

/** The scenario's export as Terraform or CloudFormation, packaged for download (undefined when there is nothing to write). */
export function iacDownload(s: Scenario, format: 'terraform' | 'cloudformation'): IacDownload | undefined {
  const out = format === 'terraform' ? tf(s) : cfn(s);
  if (out.files.length === 0) return undefined;
  const [only] = out.files;
  if (out.files.length === 1 && only) {
    const fileName = format === 'terraform' ? `${stem(s)}.${only.path.replace('/main.tf', '')}.tf` : `${stem(s)}.${only.path}`;
    return { fileName, mime: format === 'terraform' ? 'text/plain' : 'application/yaml', data: only.text, files: 1, leftOut: out.leftOut };
  }
  const zip = zipSync(Object.fromEntries(out.files.map((f) => [`${stem(s)}-${format}/${f.path}`, strToU8(f.text)])), { level: 6, mtime: new Date('2026-01-01T00:00:00Z') });
  return { fileName: `${stem(s)}-${format}.zip`, mime: 'application/zip', data: zip, files: out.files.length, leftOut: out.leftOut };
}
