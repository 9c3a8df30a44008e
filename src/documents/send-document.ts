import { StreamableFile } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { OfficialDocument } from './document';
import { renderHtml } from './html';
import { renderPdf } from './pdf';

/** The document as the client asked: an A4 PDF for `Accept: application/pdf`, else HTML. */
export async function sendDocument(doc: OfficialDocument, name: string, req: Request, res: Response): Promise<string | StreamableFile> {
  if (req.accepts(['text/html', 'application/pdf']) === 'application/pdf') {
    const pdf = await renderPdf(doc);
    return new StreamableFile(pdf, { type: 'application/pdf', disposition: `inline; filename="${name.replace(/[^A-Za-z0-9._-]/g, '_')}.pdf"`, length: pdf.length });
  }
  res.type('text/html; charset=utf-8');
  return renderHtml(doc);
}
