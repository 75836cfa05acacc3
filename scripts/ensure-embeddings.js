#!/usr/bin/env node
/** Builds the local embeddings asset once (≈5 s); later builds reuse it. */
const { existsSync } = require('node:fs');
const { spawnSync } = require('node:child_process');
const { join } = require('node:path');

const root = join(__dirname, '..');
const asset = join(root, 'libs/knowledge/assets/wink-sg-100d-q8.bin');
if (!existsSync(asset)) {
  const run = spawnSync(process.execPath, [join(root, 'libs/knowledge/scripts/build-local-embeddings.cjs'), asset], { stdio: 'inherit' });
  process.exit(run.status ?? 1);
}
