// `npm run test:ha` only (never `npm test`): the failover test needs root, Debian's HA packages
// (deploy/ha/install.sh) and a few minutes.
const { projects } = require('../../jest.config.js');

const { transform, moduleNameMapper, transformIgnorePatterns, moduleFileExtensions, testEnvironment } = projects[0];
module.exports = {
  displayName: 'ha',
  rootDir: '../..',
  testRegex: 'test/ha/.*\\.ha-spec\\.ts$',
  transform, moduleNameMapper, transformIgnorePatterns, moduleFileExtensions, testEnvironment,
  testTimeout: 600_000,
};
