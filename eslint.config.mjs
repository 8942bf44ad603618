// Lint: strict type-aware rules, import hygiene, a fence around workflow code (no I/O, no Node built-ins), and
// the house's one-way arrows between top folders (README "How it works").
import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';
import importX from 'eslint-plugin-import-x';
import prettier from 'eslint-config-prettier';

/**
 * Who may import whom, from the process root down: server → slack → config → policies → vendors → secrets →
 * workflows, with activities beside slack (activities → vendors, secrets, workflows). Each entry lists what a
 * folder must never import.
 */
const LAYERS = {
  workflows: ['activities', 'slack', 'server', 'config', 'policies', 'vendors', 'secrets', 'bench'],
  secrets: ['activities', 'slack', 'server', 'config', 'policies', 'vendors', 'bench'],
  vendors: ['activities', 'slack', 'server', 'config', 'policies', 'bench'],
  policies: ['activities', 'slack', 'server', 'config', 'bench'],
  config: ['activities', 'slack', 'server', 'bench'],
  activities: ['slack', 'server', 'config', 'policies', 'bench'],
  slack: ['activities', 'server', 'bench'],
  // The benchmark (`npm run bench`) sits above everything, like the tests: nothing in production imports it.
  server: ['bench'],
};
const oneWayZones = Object.entries(LAYERS).map(([target, forbidden]) => ({
  target: `./${target}`,
  from: forbidden.map((folder) => `./${folder}`),
  message: `${target}/ sits below these folders; the arrows run one way (README "How it works").`,
}));

/** Slack features never import one another; what two share lives in slack/shared. */
const FEATURES = ['request', 'approval', 'human-step', 'credential', 'listing', 'home'];
const featureZones = FEATURES.map((feature) => ({
  target: `./slack/features/${feature}`,
  from: FEATURES.filter((other) => other !== feature).map((other) => `./slack/features/${other}`),
  message: 'Slack features do not import each other; move what they share to slack/shared.',
}));

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/', '*.js', '*.mjs', 'bench/register.cjs'] },
  eslint.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    plugins: { 'import-x': importX },
    // Resolve TypeScript sources, so the import rules (cycles, one-way folders) see every import.
    settings: { 'import-x/resolver': { node: { extensions: ['.ts', '.js'] } } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/explicit-module-boundary-types': 'off',
      'import-x/no-cycle': 'error',
      'import-x/no-restricted-paths': [
        'error',
        { basePath: import.meta.dirname, zones: [...oneWayZones, ...featureZones] },
      ],
      'no-console': 'error',
    },
  },
  {
    files: ['workflows/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['node:*', 'fs', 'path', 'crypto', 'http', 'https', 'net', 'os', 'child_process'],
              message: 'Workflows must be deterministic: no Node built-ins.',
            },
            {
              group: ['undici', 'pino', '@slack/*', '@temporalio/client', '@temporalio/worker', '@temporalio/activity'],
              message: 'Workflows do no I/O; call an activity.',
            },
            {
              group: ['../vendors/*', '../activities/*', '../slack/*', '../server/*'],
              message: 'Workflows import nothing outside workflows/ (the activity contract is activity-contract.ts).',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/unbound-method': 'off',
      // Jest's asymmetric matchers (expect.stringContaining) are typed `any`.
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
    },
  },
  prettier,
);
