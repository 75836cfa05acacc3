/**
 * What of this lib runs without Nest and without the `@app/*` aliases: the Jest e2e harness (which cannot
 * load Nest's ESM) imports this file by its path, never the lib's internals.
 */
export { PERMISSIONS } from './permissions';
