// Extracts the text of a PDF read from stdin with pdf-parse (Mozilla's pdf.js), in a plain Node
// process: pdf.js loads its worker with a dynamic import, which Jest's CommonJS sandbox refuses.
/* global require, process, Buffer */
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a plain CommonJS script run by node
const { PDFParse } = require('pdf-parse');

const chunks = [];
process.stdin.on('data', (c) => chunks.push(c));
process.stdin.on('end', async () => {
  const parser = new PDFParse({ data: new Uint8Array(Buffer.concat(chunks)) });
  try {
    const result = await parser.getText();
    process.stdout.write(JSON.stringify({ text: result.text, pages: result.total }));
  } catch (error) {
    process.stderr.write(String(error?.stack ?? error));
    process.exitCode = 1;
  } finally {
    await parser.destroy();
  }
});
