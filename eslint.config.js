// Lint: typescript-eslint, React hooks, and the one-way architecture of shared/CONVENTIONS.md
// enforced as import restrictions, so that a broken direction fails the build, not a review.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const ui = ['react', 'react-dom', 'react-dom/*', 'recharts', 'zustand', 'zustand/*', '@tanstack/*', 'react-router'];

/** Forbid imports of whole folders by relative path (any depth). */
const folders = (...names) => names.flatMap((n) => [`**/${n}`, `**/${n}/*`, `**/${n}/**`]);

const restrict = (files, patterns, ignores = []) => ({
  files,
  ignores,
  rules: { 'no-restricted-imports': ['error', { patterns }] },
});

export default tseslint.config(
  { ignores: ['dist', 'node_modules', 'coverage'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'react/no-danger': 'off',
      'no-restricted-syntax': [
        'error',
        { selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']", message: 'No dangerouslySetInnerHTML: render text.' },
      ],
    },
  },
  // One block per folder: ESLint does not merge a rule across blocks, the last match wins.
  restrict(['src/stats/**/*.ts'], [
    { group: [...ui, 'zod', 'zod/*'], message: 'stats/ is pure: no React, store, zod or DOM.' },
    { group: folders('evidence', 'store', 'model', 'views', 'export', 'app', 'components'), message: 'stats/ imports nothing outside itself.' },
  ]),
  restrict(['src/evidence/**/*.ts', 'src/model/**/*.ts'], [
    { group: ui, message: 'evidence/ and model/ are pure TypeScript: no React or store.' },
    { group: folders('store', 'views', 'export', 'app', 'components'), message: 'evidence/ and model/ do not import the UI or the store.' },
  ], ['src/evidence/evidence-query.ts']),
  restrict(['src/store/**/*.ts'], [
    { group: folders('views', 'app', 'components', 'export'), message: 'store/ never imports views or the app.' },
  ]),
  // Integration tests of a view render it inside the app shell: tests may import app/.
  restrict(['src/views/**/*.{ts,tsx}', 'src/components/**/*.{ts,tsx}', 'src/export/**/*.{ts,tsx}'], [
    { group: folders('app'), message: 'Nothing imports app/.' },
  ], ['src/**/*.test.{ts,tsx}']),
  {
    // CommonJS stand-ins for two @stdlib dependencies (vite.config.ts).
    files: ['src/stats/shims/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { module: 'writable' } },
  },
  {
    files: ['scripts/**/*.mjs', 'tests/e2e/**/*.ts', '*.config.{js,ts}'],
    languageOptions: { globals: { ...globals.node } },
  },
);
