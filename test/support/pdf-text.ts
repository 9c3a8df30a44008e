import { spawn } from 'node:child_process';
import { resolve } from 'node:path';

/** The text pdf.js extracts from a PDF (NFC), and its number of pages. */
export function pdfText(bytes: Buffer): Promise<{ text: string; pages: number }> {
  return new Promise((ok, fail) => {
    const child = spawn(process.execPath, [resolve(__dirname, 'pdf-text.cjs')], { stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('error', fail);
    child.on('close', (code) => {
      if (code !== 0) return fail(new Error(`pdf-text exited with ${code}: ${err}`));
      const parsed = JSON.parse(out) as { text: string; pages: number };
      ok({ text: parsed.text.normalize('NFC'), pages: parsed.pages });
    });
    child.stdin.end(bytes);
  });
}
