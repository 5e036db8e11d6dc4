// Flat config: typescript-eslint (type-aware) for the action, simulator, tests and scripts;
// formatting is prettier's job, so eslint-config-prettier switches off the style rules.
import eslint from '@eslint/js'
import tseslint from 'typescript-eslint'
import jest from 'eslint-plugin-jest'
import prettier from 'eslint-config-prettier'

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
    // Every line of the job log passes defuse(): only these modules may print, and they do it through it.
    files: ['src/**/*.ts'],
    ignores: ['src/github/log.ts', 'src/github/annotate.ts', 'src/cli/run-cli.ts'],
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
    // GitHub's side stands on its own: its client is @actions/github's Octokit, not the AIRS transport
    files: ['src/github/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/airs/**'], message: 'src/github/ imports nothing from src/airs/.' }] }
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
        { assertFunctionNames: ['expect', 'expectGolden', 'expectInert*', 'expectFailed'] }
      ]
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
