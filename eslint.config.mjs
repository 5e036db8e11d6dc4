// Flat config: typescript-eslint (type-aware) for the action, simulator, tests and scripts;
// formatting is prettier's job, so eslint-config-prettier switches off the style rules.
import eslint from '@eslint/js'
import tseslint from 'typescript-eslint'
import jest from 'eslint-plugin-jest'
import prettier from 'eslint-config-prettier'
import importX from 'eslint-plugin-import-x'
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript'

/**
 * The layers of src/ (docs/architecture.md): each may import only the layers listed for it. Entry points
 * (main.ts, cli/) may import anything. `from` lists what a layer must not import.
 */
const LAYERS = [
  { target: 'util', from: ['airs', 'engine', 'scanner', 'gate', 'report', 'github', 'cli', 'top'] },
  { target: 'engine', from: ['util', 'airs', 'scanner', 'gate', 'report', 'github', 'cli', 'top'] },
  { target: 'airs', from: ['engine', 'scanner', 'gate', 'report', 'github', 'cli', 'top'] },
  { target: 'scanner', from: ['engine', 'airs-client', 'gate', 'report', 'github', 'cli', 'top'] },
  { target: 'gate', from: ['report', 'github', 'cli', 'top'] },
  { target: 'report', from: ['engine', 'scanner', 'airs-client', 'github', 'cli', 'top'] },
  { target: 'github', from: ['engine', 'scanner', 'airs', 'cli', 'top'] },
  { target: 'inputs.ts', from: ['report', 'github', 'cli', 'publish.ts', 'main.ts'] },
  { target: 'publish.ts', from: ['engine', 'scanner', 'airs', 'gate', 'github', 'cli', 'main.ts'] }
]
/** What each name above stands for: a folder of src/, or the top-level modules. */
const AREA = {
  top: ['./src/inputs.ts', './src/publish.ts', './src/main.ts', './src/index.ts', './src/cli.ts'],
  'airs-client': ['./src/airs/!(schemas)/**', './src/airs/*.ts']
}
const zones = LAYERS.flatMap(({ target, from }) =>
  from.map((f) => ({
    target: target.endsWith('.ts') ? `./src/${target}` : `./src/${target}/**`,
    from: AREA[f] ?? [f.endsWith('.ts') ? `./src/${f}` : `./src/${f}/**`],
    message: `${target} may not import ${f} (see docs/architecture.md)`
  }))
)

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'build/**', 'spec/**'] },
  eslint.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        project: './tsconfig.check.json',
        tsconfigRootDir: import.meta.dirname
      }
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      // API methods are async so that argument errors reject like every other failure
      '@typescript-eslint/require-await': 'off',
      'no-console': 'error',
      eqeqeq: ['error', 'always', { null: 'ignore' }]
    }
  },
  {
    files: ['src/**/*.ts'],
    plugins: { 'import-x': importX },
    settings: {
      ...importX.flatConfigs.typescript.settings,
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: './tsconfig.check.json' })]
    },
    rules: {
      'import-x/no-cycle': 'error',
      'import-x/no-restricted-paths': ['error', { zones }]
    }
  },
  {
    // The raw protocol writer: only the log (which defuses) and the entry point (inputs, masks) use it.
    files: ['src/**/*.ts'],
    ignores: ['src/github/log.ts', 'src/main.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/workflow-commands.js'],
              message:
                'Log through src/github/log.ts (actionLogger, failStep), which defuses workflow commands.'
            }
          ]
        }
      ]
    }
  },
  {
    // Every line of the job log passes defuse(): only these modules may print, and they do it through it.
    files: ['src/**/*.ts'],
    ignores: [
      'src/github/log.ts',
      'src/github/annotate.ts',
      'src/github/workflow-commands.ts',
      'src/cli/run-cli.ts'
    ],
    rules: {
      'no-restricted-properties': [
        'error',
        ...['info', 'warning', 'error', 'notice', 'debug', 'setFailed', 'startGroup'].map((property) => ({
          object: 'core',
          property,
          message: 'Log through src/github/log.ts (actionLogger, failStep), which defuses workflow commands.'
        })),
        ...['stdout', 'stderr'].map((property) => ({
          object: 'process',
          property,
          message: 'Print through src/cli/run-cli.ts, which defuses workflow commands.'
        }))
      ]
    }
  },
  {
    files: ['__tests__/**/*.ts'],
    ...jest.configs['flat/recommended'],
    rules: {
      ...jest.configs['flat/recommended'].rules,
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/unbound-method': 'off',
      // tests read raw JSON from the wire on purpose
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
      // helpers that assert: golden files, and the hostile-text checks
      'jest/expect-expect': [
        'warn',
        { assertFunctionNames: ['expect', 'expectGolden', 'expectInert*', 'expectFailed', 'expectOutcome'] }
      ],
      // eachVia (bad-inputs.test.ts) registers a test per cell, in process and through dist/
      'jest/no-standalone-expect': ['error', { additionalTestBlockFunctions: ['eachVia'] }]
    }
  },
  {
    files: ['sim/cli.ts', 'scripts/**/*.ts', 'bench/**/*.ts'],
    rules: { 'no-console': 'off' }
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    ...tseslint.configs.disableTypeChecked
  },
  prettier
)
