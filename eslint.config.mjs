// Lint: strict type-aware rules, import hygiene, a fence around workflow code (no I/O, no Node built-ins), and
// the house's one-way arrows between top folders (README "How it works").
import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';
import importX from 'eslint-plugin-import-x';
import prettier from 'eslint-config-prettier';

/**
 * Who may import whom, from the process root down: server → slack → config → policies → vendors →
 * secrets → workflows, with activities beside slack (activities → vendors, destinations, secrets, workflows) and
 * destinations beside vendors (destinations → secrets, workflows). Each entry lists what a folder must never import.
 */
const LAYERS = {
  workflows: ['activities', 'slack', 'server', 'config', 'policies', 'vendors', 'destinations', 'secrets'],
  secrets: ['activities', 'slack', 'server', 'config', 'policies', 'vendors', 'destinations'],
  vendors: ['activities', 'slack', 'server', 'config', 'policies', 'destinations'],
  destinations: ['activities', 'slack', 'server', 'config', 'policies', 'vendors'],
  policies: ['activities', 'slack', 'server', 'config', 'destinations'],
  config: ['activities', 'slack', 'server'],
  activities: ['slack', 'server', 'config', 'policies'],
  slack: ['activities', 'server'],
  server: [], // the process root: below the tools only
};
const oneWayZones = Object.entries(LAYERS)
  .filter(([, forbidden]) => forbidden.length > 0)
  .map(([target, forbidden]) => ({
    target: `./${target}`,
    from: forbidden.map((folder) => `./${folder}`),
    message: `${target}/ sits below these folders; the arrows run one way (README "How it works").`,
  }));

/**
 * Tools beside the product (the sandbox, the chaos suite, the benchmark) may use all of it, like the tests; nothing
 * in the product imports them.
 */
const TOOLS = ['sandbox', 'chaos', 'bench'];
const toolZones = TOOLS.map((tool) => ({
  target: Object.keys(LAYERS).map((folder) => `./${folder}`),
  from: `./${tool}`,
  message: `${tool}/ is a tool that runs the product; the product never imports it.`,
}));

/** Slack features never import one another; what two share lives in slack/shared. */
const FEATURES = ['request', 'approval', 'human-step', 'credential', 'listing', 'home'];
const featureZones = FEATURES.map((feature) => ({
  target: `./slack/features/${feature}`,
  from: FEATURES.filter((other) => other !== feature).map((other) => `./slack/features/${other}`),
  message: 'Slack features do not import each other; move what they share to slack/shared.',
}));

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/', '*.js', '*.mjs', 'scripts/*.mjs', 'bench/register.cjs'] },
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
        { basePath: import.meta.dirname, zones: [...oneWayZones, ...featureZones, ...toolZones] },
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
              group: ['../vendors/*', '../destinations/*', '../activities/*', '../slack/*', '../server/*'],
              message: 'Workflows import nothing outside workflows/ (the activity contract is activity-contract.ts).',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['test/**/*.ts', 'chaos/**/*.ts'],
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
