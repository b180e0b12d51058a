// ESLint over the repository's TypeScript: the recommended rules of ESLint and typescript-eslint,
// without type information so that it stays fast, and the layering rule the design asks for.
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import tseslint from 'typescript-eslint';

export default defineConfig([
  globalIgnores(['dist/', 'out/', '.vscode-test/', 'test-results/', 'test/fixtures/']),
  {
    files: ['**/*.ts'],
    extends: [js.configs.recommended, tseslint.configs.recommended],
    rules: {
      // Left out: the client loads its Azure bundle with require() on purpose, matches control
      // characters in terminal output, and rethrows some errors as messages for people.
      '@typescript-eslint/no-require-imports': 'off',
      'no-control-regex': 'off',
      'preserve-caught-error': 'off',
      // `const { omitted, ...rest } = x` is how a property is left out of a copy.
      '@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true }],
    },
  },
  {
    // The parser has one face: analysis and features import it only through parser/index.ts.
    files: ['server/src/analysis/**/*.ts', 'server/src/features/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ regex: '(^|/)parser/(?!index$)', message: 'Import the parser through parser/index.ts.' }] },
      ],
    },
  },
  {
    // The registry explorer's data layer is pure: no VS Code, and the Azure SDK only behind its interfaces.
    files: ['client/src/acr/registry/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'vscode', message: 'acr/registry/ is pure: VS Code belongs in acr/vscode/.' }],
          patterns: [{ group: ['@azure/*'], message: 'acr/registry/ is pure: the Azure SDK belongs in acr/azure/.' }],
        },
      ],
    },
  },
]);
