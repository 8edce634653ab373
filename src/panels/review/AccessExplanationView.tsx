import type { AccessExplanation } from '../../engine';
import { useAppStore } from '../../store/store';
import { Icon } from '../../ui/icons';
import { DECISION_LOOK } from '../../canvas/appearance';
import { StepView } from '../Explanation';
import { nameOf, pathText, useAnalysisLookup } from './lookup';

/**
 * Why a principal can (or cannot) reach a resource, as the engine decided it: the path (AssumeRole hops, then
 * the request), each hop's decision stage by stage, and the request context the analysis set to find an
 * allowed request. Shown by the inspector and beside the access matrix.
 */
export function AccessExplanationView({ testId = 'access-explanation' }: { readonly testId?: string }) {
  const state = useAppStore((s) => s.accessExplanation);
  const question = useAppStore((s) => s.accessQuestion);
  const status = useAppStore((s) => s.analysisStatus);
  const lookup = useAnalysisLookup();
  if (!question) return null;
  const explanation: AccessExplanation | undefined = state && state.question === question ? state.explanation : undefined;
  const header = `${nameOf(lookup, question.subject)} → ${nameOf(lookup, question.resource)}${question.action ? ` · ${question.action}` : ''}`;
  if (!state || state.question !== question) {
    return (
      <div data-testid={testId}>
        <p className="text-sm font-medium">{header}</p>
        <p className="mt-2 text-xs text-slate-600 dark:text-slate-400" role="status">
          {status === 'running' ? 'The access analysis is running…' : 'Asking the engine…'}
        </p>
      </div>
    );
  }
  if (!explanation) {
    return (
      <div data-testid={testId}>
        <p className="text-sm font-medium">{header}</p>
        <p className="mt-2 text-xs">{state.reason ?? 'Nothing to explain: this principal or resource is no longer in the analysis.'}</p>
      </div>
    );
  }
  const look = DECISION_LOOK[explanation.allowed ? 'allowed' : explanation.decisions.some((d) => d.decision === 'explicit-deny') ? 'explicit-deny' : 'implicit-deny'];
  const subject = lookup.subjects.get(explanation.subject);
  const context = explanation.path.flatMap((h) => h.context.map((c) => `${c.key} = ${c.values.join(', ')}`));
  return (
    <div data-testid={testId} data-decision={explanation.allowed ? 'allowed' : 'denied'}>
      <p className="text-sm font-medium">{header}</p>
      <div className={`mt-2 flex items-center gap-2 rounded-md border px-2 py-1.5 text-sm font-semibold ${look.chip}`}>
        <Icon name={look.icon} className="h-4 w-4" /> {explanation.allowed ? 'Reaches it' : 'Does not reach it'}
        {explanation.path.length > 1 && <span className="font-normal">· through {explanation.path.length - 1} role{explanation.path.length > 2 ? 's' : ''}</span>}
      </div>
      {explanation.path.length > 0 && (
        <p className="mt-2 text-xs" data-testid={`${testId}.path`}>
          <span className="font-semibold">Path:</span> {pathText(lookup, explanation.path)}
        </p>
      )}
      {subject?.assumedIdentity && <p className="mt-1 text-xs text-slate-700 dark:text-slate-300">{subject.description} Its identity side is shown as “Assumed: its own account allows it”.</p>}
      {context.length > 0 && (
        <p className="mt-1 text-xs text-slate-700 dark:text-slate-300">
          The request presents {context.join('; ')} — values the policies ask for, tried by the analysis.
        </p>
      )}
      {explanation.decisions.map((d, i) => (
        <StepView key={`${d.request.action}:${i}`} decision={d} label={`${i + 1}. ${d.request.principalLabel} → ${d.request.action}`} multi />
      ))}
    </div>
  );
}
