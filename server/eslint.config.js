// ESLint for the server: type-aware typescript-eslint rules over everything tsc type-checks
// (src/, test/, bench/, scripts/). The point is the bugs the compiler lets through: promises
// nobody awaits, promises handed to callbacks that ignore them, conditions that are always
// true or false, and `any` leaking untrusted data past zod.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**'] },
  {
    files: ['**/*.ts'],
    extends: [js.configs.recommended, ...tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/no-unnecessary-condition': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      // Abort reasons are whatever was passed to AbortController.abort(): rejecting with the
      // signal's reason is what the platform itself does.
      '@typescript-eslint/prefer-promise-reject-errors': ['error', { allowThrowingUnknown: true }],
      // `async` on an interface implementation keeps a throw a rejection; dropping it to please
      // the rule would turn some errors into synchronous throws.
      '@typescript-eslint/require-await': 'off',
      // Autotask record fields are `unknown` by design (wire data, zod-checked where it matters):
      // these two demand a cast at every `${record.field}` (122 findings, none a defect), and the
      // String() the one wants is what the other one flags.
      '@typescript-eslint/restrict-template-expressions': 'off',
      '@typescript-eslint/no-base-to-string': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true }],
    },
  },
  {
    // Tests read parsed wire JSON without a schema on purpose: a wrong shape fails the expect(),
    // which is the check. Their setup assigns in beforeAll and guards teardown with `h?.close()`
    // in case setup failed, which no-unnecessary-condition calls unnecessary (55 of its 68 findings).
    files: ['test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unnecessary-condition': 'off',
    },
  },
  {
    // Plain JS config files: no type information.
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    extends: [js.configs.recommended],
  },
);
