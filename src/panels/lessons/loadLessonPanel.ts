type LessonPanelModule = typeof import('./LessonPanel');

let loaded: LessonPanelModule | undefined;

/** The lesson panel's code, loaded when a lesson is first opened (README, "Initial JavaScript"). */
export function loadLessonPanel(): Promise<LessonPanelModule> {
  return import('./LessonPanel').then((m) => (loaded = m));
}

/** The lesson panel's module once loaded: drawn at once, without waiting a render for `React.lazy`. */
export function loadedLessonPanel(): LessonPanelModule | undefined {
  return loaded;
}
