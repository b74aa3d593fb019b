// Lint: typescript-eslint's recommended rules, react-hooks' recommended rules for the web app, and the package map
// of the README (who may import whom).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';

/**
 * The README's package map ("may import"), one entry per package: the workspace packages and libraries it must not
 * import, by name or by a relative path into another package's folder.
 */
const WORKSPACE = {
  protocol: '@fireflow/protocol',
  'stripe-mock': '@fireflow/stripe-mock',
  engine: '@fireflow/engine',
  server: '@fireflow/server',
  web: '@fireflow/web',
};
const SERVER_LIBRARIES = ['ioredis', 'bullmq', 'quickjs-emscripten-core', 'express', 'stripe'];
const UI_LIBRARIES = ['react', 'react-dom', '@xyflow/react', '@tanstack/react-query', 'monaco-editor', 'zustand'];
const FOLDERS = {
  protocol: 'packages/protocol',
  'stripe-mock': 'packages/stripe-mock',
  engine: 'packages/engine',
  server: 'apps/server',
  web: 'apps/web',
};

function packageRule(name, mayImport, libraries) {
  const others = Object.keys(WORKSPACE).filter((other) => other !== name && !mayImport.includes(other));
  const message = `${FOLDERS[name]} may import ${mayImport.map((other) => WORKSPACE[other]).join(', ') || 'no workspace package'} (README: map of the packages)`;
  const binaries = others.filter((other) => other === 'server').map((other) => `${FOLDERS[other]}/bin`);
  return {
    files: [`${FOLDERS[name]}/**/*.{ts,tsx,js,mjs}`],
    rules: {
      // Starting another package's program is an arrow too (e.g. a test spawning apps/server/bin/fireflow.mjs).
      'no-restricted-syntax': [
        'error',
        ...binaries.map((bin) => ({ selector: `Literal[value=/${bin.split('/').join('[/]')}/]`, message })),
      ],
      'no-restricted-imports': [
        'error',
        {
          paths: [...others.map((other) => WORKSPACE[other]), ...libraries].map((path) => ({ name: path, message })),
          patterns: [
            { group: others.map((other) => `${WORKSPACE[other]}/*`), message },
            // A relative path into another package's folder, e.g. '../../engine/src/x.ts'.
            ...others.map((other) => ({ regex: `(^|/)${FOLDERS[other].split('/')[1]}/(src|bin)/`, message })),
          ],
        },
      ],
    },
  };
}

const PACKAGE_MAP = [
  packageRule('protocol', [], [...SERVER_LIBRARIES, ...UI_LIBRARIES]),
  packageRule('stripe-mock', [], [...UI_LIBRARIES, 'ioredis', 'bullmq', 'quickjs-emscripten-core', 'express']),
  packageRule('engine', ['protocol'], [...UI_LIBRARIES, 'express']),
  packageRule('server', ['engine', 'protocol', 'stripe-mock'], UI_LIBRARIES),
  packageRule('web', ['protocol'], SERVER_LIBRARIES),
];

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', '**/generated/**', 'e2e/test-results/**', 'bench-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
    },
  },
  // The rules of hooks and complete dependency lists (the run model relies on useMemo's); v7's React Compiler rules
  // are left out: they judge code for a compiler this app does not use.
  {
    files: ['apps/web/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
  { files: ['apps/web/**/*.{ts,tsx}'], languageOptions: { globals: { ...globals.browser } } },
  ...PACKAGE_MAP,
  // The Redis bench starts real `fireflow worker` and `fireflow stripe-mock` processes; it belongs with bench/.
  {
    files: ['packages/engine/src/redis/bench/**'],
    rules: { 'no-restricted-imports': 'off', 'no-restricted-syntax': 'off' },
  },
  // CommonJS entry files (worker threads that register tsx in-thread) load with require by design.
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  // Playwright fixtures are destructured; tests that use none still take `{}` before testInfo.
  { files: ['e2e/**/*.ts'], rules: { 'no-empty-pattern': 'off' } },
  // Realm sources: evaluated inside QuickJS as one function expression each (see sandbox/realm.ts).
  {
    files: ['packages/engine/src/sandbox/realm/*.js'],
    languageOptions: {
      sourceType: 'script',
      globals: { ...globals.es2024, InternalError: 'readonly', Iterator: 'readonly' },
    },
    rules: { '@typescript-eslint/no-unused-expressions': 'off' },
  },
  {
    files: ['flows/**/*.js'],
    languageOptions: { sourceType: 'script', globals: {} },
    rules: { 'no-undef': 'off', 'no-unused-vars': 'off' },
  },
);
