#!/usr/bin/env node
/**
 * The demo command's runner: one api and one worker from the build, as separate processes.
 * A signal is forwarded to both; when either exits, the other is stopped and the exit code kept.
 */
const { spawn } = require('node:child_process');
const { join } = require('node:path');

const root = join(__dirname, '..');
const entries = {
  api: join(root, 'dist/apps/api/apps/api/src/main.js'),
  worker: join(root, 'dist/apps/worker/apps/worker/src/main.js'),
};

const children = Object.entries(entries).map(([name, file]) => {
  const child = spawn(process.execPath, [file], { stdio: 'inherit', env: process.env });
  child.on('exit', (code, signal) => {
    process.stderr.write(`${name} exited (${signal ?? code})\n`);
    stopAll('SIGTERM');
    process.exitCode = process.exitCode || (code ?? 0);
  });
  return child;
});

function stopAll(signal) {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill(signal);
}

for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => stopAll(signal));
