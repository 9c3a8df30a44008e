import type { FastifyReply, FastifyRequest } from 'fastify';
import { preferredType } from '../common/content-negotiation';
import type { OfficialDocument } from './document';
import { renderHtml } from './html';
import { renderPdf } from './pdf';

/** The document as the client asked: an A4 PDF for `Accept: application/pdf`, else HTML; sent through the Fastify reply. */
export async function sendDocument(doc: OfficialDocument, name: string, req: FastifyRequest, res: FastifyReply): Promise<string | Buffer> {
  if (preferredType(req, ['text/html', 'application/pdf']) === 'application/pdf') {
    const pdf = await renderPdf(doc);
    res.type('application/pdf');
    res.header('Content-Disposition', `inline; filename="${name.replace(/[^A-Za-z0-9._-]/g, '_')}.pdf"`);
    return pdf;
  }
  res.type('text/html; charset=utf-8');
  return renderHtml(doc);
}
