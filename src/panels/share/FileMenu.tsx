import { useReactFlow } from '@xyflow/react';
import { useRef } from 'react';
import { DECISION_LEGEND } from '../../canvas/legend';
import { iconPath } from '../../ui/icons';
import { loadDoor } from '../../share/doorLoader';
import type { LegendItem } from '../../share/image';
import { describeProblem, fileNameFor } from '../../share/problem';
import { useAppStore } from '../../store/store';
import { startImport } from '../import/actions';
import { openDrawPicker, openImpliedEdges } from '../import/importUi';
import { downloadScenario, openExample, openSafely } from './actions';
import { downloadUrl } from './download';
import { MenuButton } from './Menu';
import { useShareUi } from './shareUi';

/**
 * The legend drawn under an exported picture: for each decision the line, icon and mark the canvas draws
 * it with (DECISION_LEGEND, which the legend above the canvas shows too), its word and phrase.
 */
export const EXPORT_LEGEND: readonly LegendItem[] = DECISION_LEGEND.map((e) => ({
  label: e.label,
  description: e.description,
  stroke: e.stroke,
  mark: e.mark,
  iconPath: iconPath(e.icon),
  ...(e.dash ? { dash: e.dash } : {}),
}));

/** Reads a chosen .json file and opens it through the one door, or reports its located problems. */
export async function importFile(file: File): Promise<void> {
  const ui = useShareUi.getState();
  let text: string;
  try {
    text = await file.text();
  } catch {
    ui.report({ title: `“${file.name}” could not be read`, message: 'The browser could not read the file.', details: [], testId: 'file-error' });
    return;
  }
  let door: Awaited<ReturnType<typeof loadDoor>>;
  try {
    door = await loadDoor();
  } catch {
    ui.report({ title: `“${file.name}” could not be opened`, message: 'The part of the app that reads scenario files could not be loaded (offline, or the app was updated). Reload the page and try again.', details: [], testId: 'file-error' });
    return;
  }
  const result = door.readScenarioFile(text, file.size);
  if (!result.ok) {
    ui.report({
      title: `“${file.name}” could not be opened`,
      message: `${result.problems.length === 1 ? 'There is a problem' : `There are ${result.problems.length} problems`} in the file.`,
      details: result.problems.slice(0, 20).map(describeProblem),
      testId: 'file-error',
    });
    return;
  }
  const migrated = result.migratedFrom !== undefined ? ` It was made with scenario format version ${result.migratedFrom} and has been brought up to date.` : '';
  openSafely({ scenario: result.scenario, origin: 'file', what: `the file “${file.name}”` }, `Opened “${file.name}”.${migrated}`);
}

/** File ▾: open and save .json files, export the diagram as PNG or SVG. */
export function FileMenu() {
  const input = useRef<HTMLInputElement>(null);
  const importInput = useRef<HTMLInputElement>(null);
  const { getNodes, getNodesBounds } = useReactFlow();
  const hasEntities = useAppStore((s) => s.scenario.principals.length + s.scenario.resources.length > 0);
  const hasPolicies = useAppStore((s) => s.scenario.resources.some((r) => r.policy !== undefined) || s.scenario.principals.some((p) => p.type === 'iam-role'));

  const exportPicture = async (format: 'png' | 'svg'): Promise<void> => {
    const viewport = document.querySelector<HTMLElement>('.react-flow__viewport');
    const nodes = getNodes();
    const scenario = useAppStore.getState().scenario;
    if (!viewport || nodes.length === 0) {
      useShareUi.getState().notify({ kind: 'error', text: 'There is nothing to export yet: draw an account first.' });
      return;
    }
    try {
      // html-to-image is loaded with the first export (README, "Initial JavaScript").
      const { exportDiagram } = await import('../../share/image');
      const url = await exportDiagram(format, {
        viewport,
        bounds: getNodesBounds(nodes),
        title: scenario.name,
        subtitle: 'Decisions by Crossaccount — AWS policy evaluation in the browser',
        legend: EXPORT_LEGEND,
        dark: window.matchMedia('(prefers-color-scheme: dark)').matches,
      });
      downloadUrl(fileNameFor(scenario, format), url);
      useShareUi.getState().notify({ kind: 'info', text: `Exported the diagram as ${format.toUpperCase()}.` });
    } catch (error) {
      useShareUi.getState().notify({ kind: 'error', text: `The ${format.toUpperCase()} export failed: ${error instanceof Error ? error.message : String(error)}` });
    }
  };

  const exportIac = async (format: 'terraform' | 'cloudformation'): Promise<void> => {
    const scenario = useAppStore.getState().scenario;
    const label = format === 'terraform' ? 'Terraform' : 'CloudFormation';
    try {
      // Loaded on first use: the YAML writer stays out of the first page load.
      const { iacDownload } = await import('../../share/iac');
      const out = iacDownload(scenario, format);
      if (!out) {
        useShareUi.getState().notify({ kind: 'error', text: `There is nothing to export as ${label} yet: add a role, user or resource to an account first.` });
        return;
      }
      const url = URL.createObjectURL(new Blob([out.data as BlobPart], { type: out.mime }));
      downloadUrl(out.fileName, url);
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      const files = out.files === 1 ? 'one file' : `${out.files} files (one per account) in a zip`;
      const left = out.leftOut.length > 0 ? ` ${out.leftOut.length} part${out.leftOut.length === 1 ? '' : 's'} could not be written; the files say which, as comments.` : '';
      useShareUi.getState().notify({ kind: 'info', text: `Exported the policies as ${label}: ${files}, “${out.fileName}”. Review before applying.${left}` });
    } catch (error) {
      useShareUi.getState().notify({ kind: 'error', text: `The ${label} export failed: ${error instanceof Error ? error.message : String(error)}` });
    }
  };

  return (
    <>
      <MenuButton
        label="File: open, save and export"
        text="File"
        icon="file"
        testId="toolbar.file"
        items={[
          { label: 'Open file…', hint: 'A scenario .json file', onSelect: () => input.current?.click(), testId: 'file.open' },
          { label: 'Open the example', hint: 'A cross-account write; your work is kept', onSelect: openExample, testId: 'file.open-example' },
          { label: 'Import AWS data…', hint: 'CLI exports, a bundle, a Terraform plan or a CloudFormation template', onSelect: () => importInput.current?.click(), testId: 'file.import' },
          { label: 'Choose what to draw…', hint: 'Search the scenario; draw or hide', onSelect: openDrawPicker, testId: 'file.draw', disabled: !hasEntities },
          { label: 'Add the edges its policies imply…', hint: 'From trust and resource policies', onSelect: openImpliedEdges, testId: 'file.implied', disabled: !hasPolicies },
          { label: 'Save as file', hint: 'Download the scenario as .json', onSelect: () => downloadScenario(), testId: 'file.save' },
          { label: 'Export as Terraform', hint: 'The policies as HCL, one module per account', onSelect: () => void exportIac('terraform'), testId: 'file.export-terraform', disabled: !hasEntities },
          { label: 'Export as CloudFormation', hint: 'The policies as YAML, one template per account', onSelect: () => void exportIac('cloudformation'), testId: 'file.export-cloudformation', disabled: !hasEntities },
          { label: 'Export picture (PNG)', hint: 'For slides and documents', onSelect: () => void exportPicture('png'), testId: 'file.export-png' },
          { label: 'Export picture (SVG)', hint: 'Scalable, for documents', onSelect: () => void exportPicture('svg'), testId: 'file.export-svg' },
        ]}
      />
      <input
        ref={importInput}
        type="file"
        multiple
        accept=".json,.yaml,.yml,.template,application/json,application/yaml"
        className="hidden"
        data-testid="file.import-input"
        aria-label="Import AWS data files"
        onChange={(e) => {
          const files = [...(e.currentTarget.files ?? [])];
          e.currentTarget.value = '';
          if (files.length > 0) void startImport(files);
        }}
      />
      <input
        ref={input}
        type="file"
        accept=".json,application/json"
        className="hidden"
        data-testid="file.input"
        aria-label="Open a scenario file"
        onChange={(e) => {
          const file = e.currentTarget.files?.[0];
          e.currentTarget.value = '';
          if (file) void importFile(file);
        }}
      />
    </>
  );
}
