// The contract names `node dist/main.js` and `node dist/cli.js`; the build keeps
// src/ and migrations/ side by side under dist/, so these two files point into it.
const { writeFileSync } = require('node:fs');
for (const name of ['main', 'cli']) writeFileSync(`dist/${name}.js`, `require('./src/${name}.js');\n`);
