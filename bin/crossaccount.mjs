#!/usr/bin/env node
// The `crossaccount` command. It runs the TypeScript entry (cli/main.ts) through tsx, which `npm ci` installs
// (devDependencies), so a clean clone needs no build step that could be forgotten or go stale: the command
// always runs the code in the checkout, the same import and engine code as the browser.
import { register } from 'tsx/esm/api';

register();
await import('../cli/main.ts');
