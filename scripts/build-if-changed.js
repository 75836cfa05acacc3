#!/usr/bin/env node
/**
 * `npm start` builds only when the sources changed since the last build: a hash of every file the
 * build reads is kept beside the output and compared first.
 */
const { createHash } = require('node:crypto');
const { execFileSync } = require('node:child_process');
const { existsSync, readFileSync, readdirSync, statSync, writeFileSync } = require('node:fs');
const { join, relative } = require('node:path');

const root = join(__dirname, '..');
const stamp = join(root, 'dist', '.build-fingerprint');
const outputs = ['dist/apps/api/apps/api/src/main.js', 'dist/apps/worker/apps/worker/src/main.js', 'libs/knowledge/assets/wink-sg-100d-q8.bin'];
const inputs = ['apps', 'libs', 'scripts', 'package-lock.json', 'nest-cli.json', 'tsconfig.json'];
const skipped = new Set(['node_modules', 'assets']);

function* files(path) {
  if (statSync(path).isFile()) return yield path;
  for (const entry of readdirSync(path).sort()) if (!skipped.has(entry)) yield* files(join(path, entry));
}

function fingerprint() {
  const hash = createHash('sha256');
  for (const input of inputs) {
    for (const file of files(join(root, input))) hash.update(relative(root, file)).update('\0').update(readFileSync(file)).update('\0');
  }
  return hash.digest('hex');
}

const current = fingerprint();
const built = outputs.every((file) => existsSync(join(root, file))) && existsSync(stamp) && readFileSync(stamp, 'utf8') === current;
if (built) {
  process.stdout.write('Build is up to date (sources unchanged since the last build).\n');
} else {
  execFileSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
  writeFileSync(stamp, current);
}
