import swc from 'unplugin-swc';
import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';

const lib = (name: string) => fileURLToPath(new URL(`./libs/${name}/src`, import.meta.url));

export default defineConfig({
  plugins: [swc.vite({ module: { type: 'es6' } })],
  resolve: {
    alias: Object.fromEntries(['core', 'auth', 'mcp', 'tasks', 'analysis', 'knowledge', 'deployments', 'github'].map((name) => [`@app/${name}`, lib(name)])),
  },
  test: {
    globals: true,
    include: ['{apps,libs,eval,bench}/**/*.spec.ts'],
    environment: 'node',
    // The machine is shared: two workers keep the unit run from starving the e2e processes.
    maxWorkers: 2,
  },
});
