#!/usr/bin/env node
/**
 * Starts the real server as its child and relays stdio, the way `npx` or `uvx` do: killing only
 * this process would orphan the child. Usage: node wrapper.mjs <script> [args…]
 */
import { spawn } from 'node:child_process';

const child = spawn(process.execPath, process.argv.slice(2), { stdio: 'inherit' });
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
