// The contract names `node dist/main.js` and `node dist/cli.js`; the build keeps
// src/ and migrations/ side by side under dist/, so these two files point into it.
// tsc copies no assets: the documents' fonts are copied beside the compiled renderer.
const { cpSync, writeFileSync } = require('node:fs');
for (const name of ['main', 'cli']) writeFileSync(`dist/${name}.js`, `require('./src/${name}.js');\n`);
cpSync('src/documents/fonts', 'dist/src/documents/fonts', { recursive: true });
