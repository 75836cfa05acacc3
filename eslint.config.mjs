import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** A lib is used through its index (`@app/<lib>`): what it does not export there is its own business. */
const DEEP_ALIAS = {
  group: ['@app/*/**'],
  message: "Import from the lib's index (`@app/<lib>`); export what you need there.",
};

/**
 * Code that runs outside Nest (the Jest e2e harness, compiled benchmarks) reaches a lib by a relative path,
 * and then only through its Nest-free entry (`libs/<lib>/src/nest-free`).
 */
const DEEP_RELATIVE = {
  regex: '^(\\.\\./)+libs/[^/]+/src/(?!nest-free$)',
  message: "Import from the lib's index or its Nest-free entry (`libs/<lib>/src/nest-free`), not its internals.",
};

/** From inside a lib, another lib is `@app/<other>`, never a path into its folder; apps are never imported. */
const LIB_BOUNDARY = [
  DEEP_ALIAS,
  { regex: '^(\\.\\./)+[^./][^/]*/src(/|$)', message: 'Import another lib through `@app/<lib>`, not a relative path.' },
  { regex: '(^|/)apps(/|$)', message: 'Libs never import apps: move what both need into a lib.' },
];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'libs/knowledge/assets/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-require-imports': 'off',
      'no-console': 'error',
      'no-restricted-imports': ['error', { patterns: [DEEP_ALIAS, DEEP_RELATIVE] }],
    },
  },
  {
    files: ['libs/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: LIB_BOUNDARY }] },
  },
  {
    // Rules that need the type checker: a promise nobody awaits loses its error, a switch that misses a
    // member of a union silently does nothing for it.
    files: ['**/*.ts', '**/*.mts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
    },
  },
  {
    // Tests and benchmarks read untyped JSON bodies and print their figures.
    files: ['scripts/**', 'bench/**', 'eval/**', 'test/**', '**/*.spec.ts', 'libs/*/scripts/**'],
    rules: { 'no-console': 'off', '@typescript-eslint/no-explicit-any': 'off' },
  },
);
