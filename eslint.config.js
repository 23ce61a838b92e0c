// ESLint (flat config): typescript-eslint's recommended rules, the hooks rules for Preact
// components, and the boundaries between the places code runs (see README, "Where things live"):
// the clipper imports only shared code; pages never import background or clipper code;
// the background never imports UI code. Tests may cross these lines (fixtures, stubs).
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

const TESTS = ['**/*.test.ts', '**/*.test.tsx', 'components/testing/**'];

/** `no-restricted-imports` patterns that forbid one runtime's folder, by alias or relative path. */
const folder = (path, message) => ({ group: [`@/${path}`, `@/${path}/**`, `**/${path}`, `**/${path}/**`], message });

const BACKGROUND = folder(
  'utils/background',
  'Background code runs only in the service worker: reach it through a message (utils/shared/protocol.ts).',
);
const CLIPPER = folder('utils/clipper', 'Clipper code is injected into the page being clipped: move what both need to utils/shared.');
const UI = [
  folder('utils/ui', 'UI code belongs to the extension pages: move what both need to utils/shared.'),
  folder('components', 'Components belong to the extension pages.'),
  { group: ['preact', 'preact/**'], message: 'Preact belongs to the extension pages.' },
];
/** Relative paths stay inside a folder, so every import across folders is an @/ path the patterns above can see. */
const UPWARD = { group: ['../*', '../**'], message: 'Import from another folder through its @/ path.' };
const SUPABASE = { group: ['@supabase/**'], message: 'Only the background talks to Supabase (utils/background/supabase-client.ts).' };

const boundary = (files, patterns) => ({
  files,
  ignores: TESTS,
  rules: { 'no-restricted-imports': ['error', { patterns: [...patterns, UPWARD] }] },
});

export default tseslint.config(
  { ignores: ['.output/**', '.output-*/**', '.wxt/**', 'node_modules/**', '.local-backend/**', 'tests/fixtures/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      // `_`-prefixed names are deliberately unused (a parameter kept for its position).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // The project's style: `ok && set(x)`, `a ? b() : c()` and `(a(), b())` as statements.
      '@typescript-eslint/no-unused-expressions': ['error', { allowShortCircuit: true, allowTernary: true }],
    },
  },
  {
    files: ['components/**/*.tsx', 'utils/ui/**/*.ts', 'entrypoints/**/*.tsx'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
  // The clipper: shared code and Readability only.
  boundary(
    ['utils/clipper/**', 'entrypoints/clipper.ts'],
    [BACKGROUND, ...UI, SUPABASE, folder('entrypoints', 'Entry points are not imported.')],
  ),
  // Shared code: usable everywhere, so it imports only shared code.
  boundary(['utils/shared/**'], [BACKGROUND, CLIPPER, ...UI, SUPABASE]),
  // The background: never UI code, never the clipper (it injects the built clipper.js instead).
  boundary(['utils/background/**', 'entrypoints/background.ts'], [CLIPPER, ...UI]),
  // The extension pages: never background or clipper code, never Supabase.
  boundary(
    ['components/**', 'utils/ui/**', 'entrypoints/popup/**', 'entrypoints/sidepanel/**', 'entrypoints/options/**'],
    [BACKGROUND, CLIPPER, SUPABASE],
  ),
);
