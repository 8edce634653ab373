/**
 * A share link's fragment as the address bar holds it, read without the link codec (fflate, the door): the
 * start-up path asks whether there is a link at all before it loads them.
 */

/** The fragment parameter that carries a scenario. */
export const LINK_PARAM = 's';

/**
 * The optional fragment parameter that names the lesson open when the link was made (`#l=copy-both-ways&s=…`).
 * It comes before `s` so that a link cut short loses its scenario — which is detected and reported — never
 * the lesson silently. Links without it open as before; an app that does not know it reads only `s`.
 */
export const LESSON_PARAM = 'l';

/** The first value of parameter `name` in a fragment (`#s=…`, `#a=1&s=…`), or undefined when absent. */
export function paramOf(fragment: string, name: string): string | undefined {
  const body = fragment.startsWith('#') ? fragment.slice(1) : fragment;
  for (const part of body.split('&')) {
    const eq = part.indexOf('=');
    if (eq >= 0 && part.slice(0, eq) === name) return part.slice(eq + 1);
  }
  return undefined;
}

/** The `s` parameter of a fragment (`#s=…` or `#a=1&s=…`), or undefined when the fragment has none. */
export function payloadOf(fragment: string): string | undefined {
  return paramOf(fragment, LINK_PARAM);
}
