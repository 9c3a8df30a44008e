// The contract names `node dist/main.js` and `node dist/cli.js`; the build keeps
// src/ and migrations/ side by side under dist/, so these two files point into it.
// tsc copies no assets: the documents' fonts and the console's stylesheet and script are copied
// beside the compiled code that reads them.
const { cpSync, writeFileSync } = require('node:fs');
for (const name of ['main', 'cli']) writeFileSync(`dist/${name}.js`, `require('./src/${name}.js');\n`);
cpSync('src/documents/fonts', 'dist/src/documents/fonts', { recursive: true });
cpSync('src/console/static', 'dist/src/console/static', { recursive: true });
