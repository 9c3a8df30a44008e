// After `nest build` (which compiles and copies the assets, nest-cli.json): the contract names
// `node dist/main.js` and `node dist/cli.js`, and the build keeps src/ and migrations/ side by
// side under dist/, so these two files point into it.
// dist/cli.js is also the `dvc` bin (package.json), hence its shebang; written last, its time is the build's
// (scripts/ensure-built.js compares the sources with it).
const { chmodSync, writeFileSync } = require('node:fs');
writeFileSync('dist/main.js', "require('./src/main.js');\n");
writeFileSync('dist/cli.js', "#!/usr/bin/env node\nrequire('./src/cli.js');\n");
chmodSync('dist/cli.js', 0o755);
