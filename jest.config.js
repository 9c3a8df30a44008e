// Two projects: pure unit specs (no database) and e2e specs against real PostgreSQL.
const transform = {
  '^.+\\.(t|j)s$': ['@swc/jest', {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
  }],
};
const common = {
  transform,
  // The CLI loads a command's service with import('./x.service.js'), as Node resolves it in dist/.
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transformIgnorePatterns: ['/node_modules/(?!@nestjs/)'],
  moduleFileExtensions: ['ts', 'js', 'json'],
  testEnvironment: 'node',
};
module.exports = {
  // e2e hooks start apps, databases and child processes: a generous bound that still catches a hang.
  testTimeout: 30_000,
  projects: [
    { ...common, displayName: 'unit', rootDir: 'src', testRegex: '\\.spec\\.ts$' },
    // The repository itself: the rooms of src/ and their arrows (no database).
    { ...common, displayName: 'repo', rootDir: '.', testRegex: 'test/[^/]+\\.spec\\.ts$' },
    {
      ...common,
      displayName: 'e2e',
      rootDir: '.',
      testRegex: 'test/e2e/.*\\.e2e-spec\\.ts$',
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
    },
  ],
};
