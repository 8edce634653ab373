import type { DiffRow, EdgeChange, WhatIf } from '../engine/fix';

/**
 * The what-if comparison as a Markdown report a design review can paste: the edges whose decision changes
 * (a table), entities added or removed, and a unified diff of every changed policy. Pure: the comparison
 * in, the text out.
 */

const WORDS: Record<EdgeChange['before'], string> = {
  allowed: 'Allowed',
  'explicit-deny': 'Explicitly denied',
  'implicit-deny': 'Implicitly denied',
  mixed: 'Mixed',
  invalid: 'Invalid',
  absent: 'Not drawn',
};

/** A table cell: pipes and line breaks would end it. */
const cell = (text: string): string => text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');

/** Unified diff lines from side-by-side rows, with three lines of context around each change. */
export function unifiedDiff(rows: readonly DiffRow[], context = 3): string[] {
  const keep = rows.map(() => false);
  rows.forEach((r, i) => {
    if (r.kind === 'same') return;
    for (let k = Math.max(0, i - context); k <= Math.min(rows.length - 1, i + context); k++) keep[k] = true;
  });
  const out: string[] = [];
  let skipped = false;
  rows.forEach((r, i) => {
    if (!keep[i]) {
      skipped = true;
      return;
    }
    if (skipped) out.push('@@ … @@');
    skipped = false;
    if (r.kind === 'same') out.push(`  ${r.left?.text ?? ''}`);
    if ((r.kind === 'removed' || r.kind === 'changed') && r.left) out.push(`- ${r.left.text}`);
    if ((r.kind === 'added' || r.kind === 'changed') && r.right) out.push(`+ ${r.right.text}`);
  });
  return out;
}

/** A fence longer than any run of backticks in the text, so a policy's content cannot close it. */
function fence(lines: readonly string[]): string {
  let longest = 2;
  for (const l of lines) for (const m of l.matchAll(/`+/g)) longest = Math.max(longest, m[0].length);
  return '`'.repeat(longest + 1);
}

export function whatIfMarkdown(w: WhatIf, generatedAt: Date = new Date()): string {
  const decided = w.changed.filter((c) => c.before !== 'absent' && c.after !== 'absent');
  const nowAllowed = decided.filter((c) => c.after === 'allowed').length;
  const nowDenied = decided.filter((c) => c.before === 'allowed' && c.after !== 'allowed').length;
  const lines: string[] = [
    `# What if: ${w.currentName} compared with ${w.baseline}`,
    '',
    `Compared on ${generatedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC with Crossaccount. Every decision is the engine's, following AWS's documented policy evaluation logic; edges, entities and policies are matched by id.`,
    '',
    '## Summary',
    '',
    `- **${decided.length}** edge${decided.length === 1 ? '' : 's'} change decision (${nowAllowed} now allowed, ${nowDenied} allowed before and denied now); ${w.unchanged} keep their decision.`,
    `- **${w.changed.length - decided.length}** edge${w.changed.length - decided.length === 1 ? '' : 's'} drawn in only one of the two.`,
    `- **${w.policies.length}** polic${w.policies.length === 1 ? 'y' : 'ies'} changed; ${w.entities.length} entit${w.entities.length === 1 ? 'y' : 'ies'} added or removed.`,
    '',
  ];
  if (w.changed.length > 0) {
    lines.push('## Edges whose decision changes', '', `| Edge | ${cell(w.baseline)} | Now | Actions that change |`, '| --- | --- | --- | --- |');
    for (const c of w.changed) {
      const actions = c.actions.map((a) => `${a.label}: ${a.before ? 'allowed' : 'denied'} → ${a.after ? 'allowed' : 'denied'}`).join('; ');
      lines.push(`| ${cell(c.label)} | ${WORDS[c.before]} | ${WORDS[c.after]} | ${cell(actions || '—')} |`);
    }
    lines.push('');
  } else {
    lines.push('No edge changes decision.', '');
  }
  if (w.entities.length > 0) {
    lines.push('## Entities added or removed', '');
    for (const e of w.entities) lines.push(`- ${cell(e.text)}`);
    lines.push('');
  }
  if (w.policies.length > 0) {
    lines.push('## Policies changed', '');
    for (const p of w.policies) {
      const diff = unifiedDiff(p.rows);
      const f = fence(diff);
      lines.push(`### ${p.title}${p.account !== undefined ? ` (account ${p.account})` : ''}`, '', `${f}diff`, ...diff, f, '');
    }
  }
  return `${lines.join('\n').trimEnd()}\n`;
}
