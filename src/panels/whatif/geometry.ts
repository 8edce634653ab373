import { LESSON_PANEL_RIGHT } from '../lessons/LessonPanel';

/** The what-if panel's width (`w-[20rem]`) and left edge: beside the lesson panel when one is open. */
export const WHATIF_PANEL_WIDTH = 320;
export const whatIfPanelLeft = (lessonOpen: boolean): number => (lessonOpen ? LESSON_PANEL_RIGHT + 8 : 8);
/** Where the what-if panel ends, in pixels from the window's left: what floats over the canvas keeps clear of it. */
export const whatIfPanelRight = (lessonOpen: boolean): number => whatIfPanelLeft(lessonOpen) + WHATIF_PANEL_WIDTH;
