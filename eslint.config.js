import js from '@eslint/js';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

/**
 * Lint rules, and the layering rule that keeps dependencies pointing one way:
 * model ← engine ← (graph, share) ← store ← (canvas, panels, animation) ← app; ui/ is presentational.
 */
const UI_LIBS = ['react', 'react-dom', 'react-dom/*', '@xyflow/*', 'zustand', 'zustand/*', 'zundo', 'codemirror', '@codemirror/*', 'elkjs', 'elkjs/*'];
const APP_LAYERS = ['**/app/**', '**/ui/**', '**/canvas/**', '**/store/**', '**/panels/**', '**/animation/**', '**/graph/**', '**/share/**'];
const AGPL = { group: ['@cloud-copilot/*'], message: '@cloud-copilot packages are AGPL: tests and benchmarks only.' };
const DOM_GLOBALS = ['window', 'document', 'localStorage', 'sessionStorage', 'navigator', 'location'].map((name) => ({
  name,
  message: 'The model and the engine are pure: no DOM.',
}));

export default tseslint.config(
  { ignores: ['dist', 'node_modules', 'public', 'test-results', 'playwright-report', 'bench/results'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-imports': ['error', { patterns: [AGPL] }],
    },
  },
  {
    files: ['src/**/*.tsx', 'src/**/use*.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  {
    files: ['src/model/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [AGPL, { group: UI_LIBS, message: 'src/model is pure TypeScript.' }, { group: ['**/engine/**', '../engine', ...APP_LAYERS], message: 'The model depends on nothing of the app.' }] },
      ],
      'no-restricted-globals': ['error', ...DOM_GLOBALS],
    },
  },
  {
    files: ['src/engine/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [AGPL, { group: UI_LIBS, message: 'src/engine is pure TypeScript.' }, { group: APP_LAYERS, message: 'The engine may import only src/model.' }] },
      ],
      'no-restricted-globals': ['error', ...DOM_GLOBALS],
    },
  },
  {
    // Share-link codec, scenario files and lessons are pure: no DOM, no UI libraries, no store.
    // (src/share/image.ts renders pictures in the page and is the one DOM module of src/share.)
    files: ['src/share/**/*.ts', 'src/lessons/**/*.ts'],
    ignores: ['src/share/image.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [AGPL, { group: UI_LIBS, message: 'Pure TypeScript: no UI libraries.' }, { group: ['**/store/**', '**/app/**', '**/ui/**', '**/canvas/**', '**/panels/**', '**/animation/**'], message: 'share/ and lessons/ sit below the store.' }] },
      ],
      'no-restricted-globals': ['error', ...DOM_GLOBALS],
    },
  },
  {
    files: ['src/ui/**/*.ts', 'src/ui/**/*.tsx'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [AGPL, { group: ['**/store/**', '**/app/**', '**/engine/**', '**/model/**', '**/canvas/**', '**/panels/**'], message: 'ui/ components are presentational: props in, events out.' }] },
      ],
    },
  },
  {
    files: ['**/*.test.ts', '**/*.test.tsx', 'bench/**/*.ts', '**/*.bench.ts', 'e2e/**/*.ts'],
    rules: { 'no-restricted-imports': 'off', '@typescript-eslint/no-explicit-any': 'off' },
  },
);
