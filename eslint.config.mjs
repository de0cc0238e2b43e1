// Lint: typescript-eslint's recommended rules plus the habits STYLE.md asks for.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import layering from './eslint-rules/layering.mjs';

// Page controllers render; reading the database is a service's job (docs/architecture.md).
const pageControllers = ['src/**/*pages*.controller.ts', 'src/**/pages/*.controller.ts'];
const pageControllerImports = {
  paths: [
    { name: 'typeorm', importNames: ['Repository', 'DataSource', 'EntityManager'], message: 'A page controller asks a service; it does not query the database.' },
    { name: '@nestjs/typeorm', message: 'A page controller asks a service; it does not inject repositories or the data source.' },
  ],
  patterns: [{ regex: '(^|/)database/sql/raw-sql$', message: 'A page controller asks a service; raw SQL belongs in a service or a *.sql.ts file.' }],
};

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'tmp/', 'test-artifacts/', 'coverage/', 'views/assets/', '**/*.js', '**/*.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['src/**/*.ts', 'test/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      eqeqeq: ['error', 'always'],
      curly: ['error', 'multi-line'],
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  { files: ['src/**/cli/*.ts', 'bench/**/*.ts', 'scripts/**/*.ts', 'src/main.ts'], rules: { 'no-console': 'off' } },
  // Layers: src/common and src/database import no feature folder (eslint-rules/layering.mjs).
  { files: ['src/common/**/*.ts', 'src/database/**/*.ts'], plugins: { layering }, rules: { 'layering/no-feature-imports': 'error' } },
  { files: pageControllers, rules: { 'no-restricted-imports': ['error', pageControllerImports] } },
);
