import * as door from '../share/door';
import { installDoor } from '../share/doorLoader';

/**
 * In Node (unit tests, the fuzz suite) the door is imported at once rather than on demand, as the app's
 * start-up does before it reads stored work: code that reads through `door()` runs as it does in the app
 * after `loadDoor()`. Imported by Vitest's setup (vite.config.ts) and by the fuzz suite's doors.
 */
installDoor(door);
