import type { ReactNode } from 'react';

export interface HeaderProps {
  readonly title: string;
  readonly tagline: string;
  /** Scenario menus beside the title (File/Share, Lessons). */
  readonly menus?: ReactNode;
  /** Editing tools on the right (undo, redo, layout, view). */
  readonly children?: ReactNode;
}

/** The app bar: product name and tagline, the scenario menus, and the editing toolbar. */
export function Header({ title, tagline, menus, children }: HeaderProps) {
  return (
    <header className="flex h-14 shrink-0 items-center gap-4 border-b border-slate-200 bg-white px-4 dark:border-slate-800 dark:bg-slate-900">
      <img src="/favicon.svg" alt="" className="h-7 w-7" />
      <div className="min-w-0 shrink">
        <h1 className="text-base font-semibold leading-tight">{title}</h1>
        <p className="truncate text-xs text-slate-600 dark:text-slate-400">{tagline}</p>
      </div>
      <div className="flex items-center gap-2" role="group" aria-label="Scenario" data-testid="header.menus">
        {menus}
      </div>
      <div className="ml-auto flex items-center gap-2" role="toolbar" aria-label="Editing tools">
        {children}
      </div>
    </header>
  );
}
