import js from '@eslint/js';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist', 'node_modules', 'bench/results', 'bench/data', '.cache'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/ui/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      // TanStack Table/Virtual return fresh functions by design; the compiler just skips those components.
      'react-hooks/incompatible-library': 'off',
    },
  },
  {
    // The core is headless and driver-free: the same code runs in the browser, tests and CLI.
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['react', 'react-dom', 'react/*', 'react-dom/*'], message: 'src/core has no React.' },
            { group: ['@duckdb/*'], message: 'src/core talks to DuckDB only through DbConnector.' },
            { group: ['node:*', 'fs', 'path', 'os'], message: 'src/core also runs in the browser.' },
            { group: ['**/ui/**', '**/cli/**'], message: 'src/core does not depend on its runtimes.' },
          ],
        },
      ],
    },
  },
);
