import js from '@eslint/js';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

/**
 * Lint rules, and the layering rule that keeps dependencies pointing one way:
 * model ← engine ← (graph, share, journey) ← store ← (canvas, panels, animation) ← app; ui/ is presentational.
 */
const UI_LIBS = ['react', 'react-dom', 'react-dom/*', '@xyflow/*', 'zustand', 'zustand/*', 'zundo', 'codemirror', '@codemirror/*', 'elkjs', 'elkjs/*'];
const APP_LAYERS = ['**/app/**', '**/ui/**', '**/canvas/**', '**/store/**', '**/panels/**', '**/animation/**', '**/graph/**', '**/share/**', '**/journey/**', '**/import/**'];
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
    // Importers are pure functions from files' text to a scenario (src/import): they run in the import worker
    // and in Node (tests, benchmarks, a command-line check), so no DOM and nothing of the UI. They read JSON
    // with src/share/json.ts and enter through the model's parseScenario.
    files: ['src/import/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            AGPL,
            { group: UI_LIBS, message: 'src/import is pure TypeScript.' },
            { group: ['**/store/**', '**/app/**', '**/ui/**', '**/canvas/**', '**/panels/**', '**/animation/**', '**/graph/**', '**/journey/**', '**/engine/**', '**/share/link', '**/share/file', '**/share/image'], message: 'src/import reads files into the model: it imports the model (and share/json) only.' },
          ],
        },
      ],
      'no-restricted-globals': ['error', ...DOM_GLOBALS],
    },
  },
  {
    // The journey model is pure like the engine it reads: it runs in the evaluation worker.
    files: ['src/journey/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [AGPL, { group: UI_LIBS, message: 'src/journey is pure TypeScript.' }, { group: ['**/store/**', '**/app/**', '**/ui/**', '**/canvas/**', '**/panels/**', '**/animation/**'], message: 'src/journey sits below the store.' }] },
      ],
      'no-restricted-globals': ['error', ...DOM_GLOBALS],
    },
  },
  {
    // The engine is decided in the evaluation worker and is not in the main bundle (the initial JS budget):
    // main-thread code imports only its types. The worker's session and the lazily loaded policy editor may.
    files: ['src/app/**', 'src/ui/**', 'src/canvas/**', 'src/panels/**', 'src/animation/**', 'src/graph/**', 'src/store/**', 'src/share/**', 'src/lessons/**', 'src/import/**', 'src/main.tsx'],
    ignores: ['src/store/evaluation.worker.ts', 'src/store/evaluationSession.ts', 'src/panels/policy/**', '**/*.test.ts', '**/*.test.tsx'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/engine', '**/engine/**'], allowTypeImports: true, message: 'The engine runs in the evaluation worker: import its types only (ask the store for decisions).' },
            { group: ['**/journey/journey', '**/journey/reach'], allowTypeImports: true, message: 'Journeys are built in the evaluation worker: import their types only (the store keeps the built journey).' },
          ],
        },
      ],
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
