import { describe, expect, it } from 'vitest';
import type { WhatIf } from '../engine/fix';
import { unifiedDiff, whatIfMarkdown } from './whatIfReport';

const result: WhatIf = {
  baseline: 'saved scenario “v1”',
  baselineName: 'v1',
  currentName: 'Design | review',
  changed: [
    { id: 'e1', kind: 'access', label: 'alice → reports-b', before: 'implicit-deny', after: 'allowed', actions: [{ label: 's3:PutObject', before: false, after: true }] },
    { id: 'e2', kind: 'access', label: 'bob → reports-b', before: 'absent', after: 'implicit-deny', actions: [] },
  ],
  unchanged: 3,
  policies: [
    {
      title: 'Bucket policy of reports-b',
      address: { kind: 'resource', resourceId: 'bucket' },
      account: '222222222222',
      beforeText: '',
      afterText: '{\n  "Statement": "```"\n}\n',
      rows: [
        { kind: 'added', right: { n: 1, text: '{' } },
        { kind: 'added', right: { n: 2, text: '  "Statement": "```"' } },
        { kind: 'added', right: { n: 3, text: '}' } },
      ],
    },
  ],
  entities: [{ text: 'principal bob added', change: 'added' }],
};

describe('the what-if Markdown report', () => {
  const md = whatIfMarkdown(result, new Date(Date.UTC(2026, 11, 7, 10, 30)));

  it('Given a comparison, then the title, the date and the summary counts are written', () => {
    expect(md).toContain('# What if: Design | review compared with saved scenario “v1”');
    expect(md).toContain('Compared on 2026-12-07 10:30 UTC');
    expect(md).toContain('- **1** edge change decision (1 now allowed, 0 allowed before and denied now); 3 keep their decision.');
  });

  it('Given changed edges, then they form a table whose cells cannot be broken by a pipe', () => {
    expect(md).toContain('| Edge | saved scenario “v1” | Now | Actions that change |');
    expect(md).toContain('| alice → reports-b | Implicitly denied | Allowed | s3:PutObject: denied → allowed |');
    expect(md).toContain('| bob → reports-b | Not drawn | Implicitly denied | — |');
  });

  it('Given a changed policy, then its unified diff is fenced by more backticks than it contains', () => {
    expect(md).toContain('### Bucket policy of reports-b (account 222222222222)');
    expect(md).toContain('````diff\n+ {\n+   "Statement": "```"\n+ }\n````');
  });

  it('Given long unchanged runs, then only three lines of context stay around each change', () => {
    const rows = Array.from({ length: 10 }, (_, i) => ({ kind: 'same' as const, left: { n: i + 1, text: `l${i}` }, right: { n: i + 1, text: `l${i}` } }));
    rows.splice(5, 0, { kind: 'changed', left: { n: 6, text: 'old' }, right: { n: 6, text: 'new' } } as never);
    expect(unifiedDiff(rows)).toEqual(['@@ … @@', '  l2', '  l3', '  l4', '- old', '+ new', '  l5', '  l6', '  l7']);
  });
});
