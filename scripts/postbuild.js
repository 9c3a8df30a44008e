// The contract names `node dist/main.js` and `node dist/cli.js`; the build keeps
// src/ and migrations/ side by side under dist/, so these two files point into it.
// tsc copies no assets: the documents' fonts and the console's stylesheet and script are copied
// beside the compiled code that reads them.
// dist/cli.js is also the `dvc` bin (package.json), hence its shebang; written last, its time is the build's
// (scripts/ensure-built.js compares the sources with it).
const { chmodSync, cpSync, writeFileSync } = require('node:fs');
cpSync('src/documents/fonts', 'dist/src/documents/fonts', { recursive: true });
cpSync('src/console/static', 'dist/src/console/static', { recursive: true });
writeFileSync('dist/main.js', "require('./src/main.js');\n");
writeFileSync('dist/cli.js', "#!/usr/bin/env node\nrequire('./src/cli.js');\n");
chmodSync('dist/cli.js', 0o755);
