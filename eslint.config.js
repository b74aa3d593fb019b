// Lint: typescript-eslint's recommended rules plus the one-way dependency rules of STYLE.md.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const SERVER_ONLY = ['@fireflow/engine', '@fireflow/stripe-mock', 'ioredis', 'bullmq', 'quickjs-emscripten-core', 'express', 'stripe'];

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', '**/generated/**', 'e2e/test-results/**', 'bench-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
    },
  },
  {
    files: ['apps/web/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: { 'no-restricted-imports': ['error', { paths: SERVER_ONLY.map((name) => ({ name, message: 'apps/web imports @fireflow/protocol only' })) }] },
  },
  {
    files: ['packages/engine/**/*.ts', 'packages/protocol/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: ['express', 'react', '@xyflow/react'].map((name) => ({ name, message: 'the engine imports no app or UI code' })) }],
    },
  },
  // CommonJS entry files (worker threads that register tsx in-thread) load with require by design.
  { files: ['**/*.cjs'], languageOptions: { sourceType: 'commonjs' }, rules: { '@typescript-eslint/no-require-imports': 'off' } },
  // Playwright fixtures are destructured; tests that use none still take `{}` before testInfo.
  { files: ['e2e/**/*.ts'], rules: { 'no-empty-pattern': 'off' } },
  // Realm sources: evaluated inside QuickJS as one function expression each (see sandbox/realm.ts).
  {
    files: ['packages/engine/src/sandbox/realm/*.js'],
    languageOptions: { sourceType: 'script', globals: { ...globals.es2024, InternalError: 'readonly', Iterator: 'readonly' } },
    rules: { '@typescript-eslint/no-unused-expressions': 'off' },
  },
  { files: ['flows/**/*.js'], languageOptions: { sourceType: 'script', globals: {} }, rules: { 'no-undef': 'off', 'no-unused-vars': 'off' } },
);
