#!/usr/bin/env node
/**
 * Compiles bench/ (with the e2e harness it reuses) and runs every *.bench.ts in turn, or only those
 * whose name contains an argument (`npm run bench -- registry`); each prints its figures.
 */
const { readdirSync } = require('node:fs');
const { spawnSync } = require('node:child_process');
const { join } = require('node:path');

const root = join(__dirname, '..');
const compile = spawnSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', join(__dirname, 'tsconfig.json')], { stdio: 'inherit' });
if (compile.status !== 0) process.exit(compile.status ?? 1);

const only = process.argv.slice(2);
const benches = readdirSync(__dirname)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => only.length === 0 || only.some((name) => f.includes(name)));

let failed = 0;
for (const file of benches) {
  console.log(`\n=== ${file} ===`);
  const compiled = join(root, 'dist/bench/bench', file.replace(/\.ts$/, '.js'));
  const run = spawnSync(process.execPath, [compiled], { stdio: 'inherit' });
  if (run.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
