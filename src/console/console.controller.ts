import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DATA_AS_OF } from '../common/data-as-of';
import { Controller, Get, Inject, Param, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '../common/auth.decorators';
import { Clock } from '../common/clock';
import { DomainError } from '../common/domain-error';
import { problemDetails } from '../common/problem-details';
import type { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { DocumentsService } from '../documents/documents.service';
import { renderHtml } from '../documents/html';
import { renderPdf } from '../documents/pdf';
import { type ConsoleSession, ConsoleSessionService, sameSecret, SESSION_HOURS } from './console-session.service';
import { ConsoleService } from './console.service';
import { consoleFields, safeNext, STATIC_FILES } from './console-input';
import { alertsBody } from './views/alerts';
import { dossierBody } from './views/dossier';
import { html, type Markup } from './views/html';
import { CONSOLE, notice, page, type PageContext, refusalBox } from './views/layout';
import { overviewBody } from './views/overview';
import { procedureBody, proceduresBody } from './views/procedures';
import { REFUSAL_HINTS, signInPage } from './views/sign-in';
import { ACTIONS, type Lang, type T, translator, word } from './views/words';

/** Outside the /api/v1 prefix (setup-app.ts). */
export const CONSOLE_PATHS = ['console', 'console/{*path}'];

const SESSION_COOKIE = 'dvc_console';
const SIGN_IN_COOKIE = 'dvc_console_sign_in';
const LANG_COOKIE = 'dvc_console_lang';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The print page's toolbar, on screen only; the form itself keeps its own A4 styles. */
const TOOLBAR_STYLE = `<style>
  .console-toolbar { display: flex; gap: 12px; align-items: center; padding: 0 0 12pt; font: 14px/1.4 sans-serif; }
  .console-toolbar button { font: inherit; padding: 6px 14px; }
  @media print { .console-toolbar { display: none; } }
</style>`;

function cookies(req: FastifyRequest): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at > 0) out[part.slice(0, at).trim()] = part.slice(at + 1).trim();
  }
  return out;
}

/** The form's CSRF token as sent, before the route reads (and checks) the rest of its form. */
const csrfOf = (req: FastifyRequest): string | undefined => {
  const csrf = req.body && typeof req.body === 'object' ? (req.body as Record<string, unknown>).csrf : undefined;
  return typeof csrf === 'string' ? csrf : undefined;
};

const langOf = (req: FastifyRequest): Lang => (cookies(req)[LANG_COOKIE] === 'en' ? 'en' : 'vi');

/**
 * A refusal of the services in the reader's language only: in Vietnamese the catalogue's words
 * (and what to do next, where the console knows), in English the API's own message.
 */
function refusalOf(error: DomainError, lang: Lang): { status: number; box: Markup } {
  const problem = problemDetails({ code: error.code, message: error.messages ?? error.message, details: error.details, fields: error.fields }, lang);
  const vi = [problem.detail === problem.title ? '' : problem.detail, REFUSAL_HINTS[error.code] ?? ''].filter(Boolean).join(' ');
  return { status: problem.status, box: refusalBox({ title: problem.title, message: lang === 'en' ? error.message : vi, code: error.code }, translator(lang)) };
}

/**
 * The supervision console: server-rendered pages over the same services as the API, for a
 * principal signed in with its token. Pages, so not in the OpenAPI document.
 */
@ApiExcludeController()
@Public()
@Controller('console')
export class ConsoleController {
  private readonly assets = new Map<string, Buffer>();

  constructor(
    private readonly sessions: ConsoleSessionService,
    private readonly consoleService: ConsoleService,
    private readonly documents: DocumentsService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private cookie(name: string, value: string, maxAge: number): string {
    const secure = this.config.publicUrl?.startsWith('https:') ? '; Secure' : '';
    return `${name}=${value}; Path=${CONSOLE}; HttpOnly; SameSite=Strict; Max-Age=${maxAge}${secure}`;
  }

  private send(res: FastifyReply, status: number, body: string): void {
    res.status(status).header('Cache-Control', 'no-store').type('text/html; charset=utf-8').send(body);
  }

  private signIn(res: FastifyReply, next: string, status = 200, refusal?: Markup): void {
    // The form's one-time token: the browser's earlier one while it looks like ours, else a new one.
    const earlier = cookies(res.request)[SIGN_IN_COOKIE];
    const csrf = earlier && /^[A-Za-z0-9_-]{32}$/.test(earlier) ? earlier : randomBytes(24).toString('base64url');
    res.header('Set-Cookie', this.cookie(SIGN_IN_COOKIE, csrf, 3600));
    this.send(res, status, signInPage(csrf, next, langOf(res.request), refusal));
  }

  /** Runs a page for the signed-in principal; signed out, the sign-in page; a refusal, its message. */
  private async withSession(req: FastifyRequest, res: FastifyReply, run: (s: ConsoleSession, ctx: PageContext, t: T) => Promise<void>): Promise<void> {
    const lang = langOf(req);
    const t = translator(lang);
    const session = await this.sessions.resolve(cookies(req)[SESSION_COOKIE], this.clock.now());
    if (!session) {
      if (req.method === 'GET') return res.redirect(`${CONSOLE}/sign-in?next=${encodeURIComponent(req.url)}`, 303);
      const ended = { title: t('Phiên làm việc đã kết thúc', 'The session has ended'), message: t('Hãy đăng nhập lại.', 'Sign in again.'), code: 'UNAUTHENTICATED' };
      return this.signIn(res, `${CONSOLE}/overview`, 401, refusalBox(ended, t));
    }
    const ctx: PageContext = { principal: session.principal, csrfToken: session.csrfToken, url: req.url, lang };
    const refused = t('Yêu cầu bị từ chối', 'Request refused');
    if (req.method === 'POST' && !sameSecret(csrfOf(req), session.csrfToken)) {
      const box = refusalBox({ title: t('Không được phép', 'Not allowed'), message: t('Biểu mẫu không có mã chống giả mạo (CSRF) hợp lệ; hãy tải lại trang rồi thử lại.', 'The form has no valid CSRF token; reload the page and try again.'), code: 'FORBIDDEN' }, t);
      return this.send(res, 403, page(refused, ctx, box));
    }
    try {
      await run(session, ctx, t);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      const { status, box } = refusalOf(error, lang);
      this.send(res, status, page(refused, ctx, html`${box}<p><a href="${CONSOLE}/overview">${t('Về trang tổng quan', 'Back to the overview')}</a></p>`));
    }
  }

  @Get()
  async home(@Req() req: FastifyRequest, @Res() res: FastifyReply) {
    consoleFields(req.query, 'noQuery', 'query');
    const session = await this.sessions.resolve(cookies(req)[SESSION_COOKIE], this.clock.now());
    res.redirect(session ? `${CONSOLE}/overview` : `${CONSOLE}/sign-in`, 303);
  }

  @Get('static/:name')
  asset(@Param('name') name: string, @Res() res: FastifyReply) {
    const asset = STATIC_FILES.get(name);
    if (!asset) return res.status(404).type('text/plain; charset=utf-8').send('not found');
    if (!this.assets.has(name)) this.assets.set(name, readFileSync(join(__dirname, asset.file)));
    res.header('Cache-Control', 'public, max-age=3600').type(asset.type).send(this.assets.get(name));
  }

  /** The reader's language, kept in a cookie; back to the page it was chosen on. */
  @Get('language')
  language(@Req() req: FastifyRequest, @Res() res: FastifyReply) {
    const q = consoleFields(req.query, 'languageQuery', 'query');
    const lang: Lang = q.to === 'en' ? 'en' : 'vi';
    res.header('Set-Cookie', this.cookie(LANG_COOKIE, lang, 365 * 86_400));
    res.redirect(q.next === `${CONSOLE}/sign-in` ? q.next : safeNext(q.next), 303);
  }

  @Get('sign-in')
  signInForm(@Req() req: FastifyRequest, @Res() res: FastifyReply) {
    this.signIn(res, safeNext(consoleFields(req.query, 'signInQuery', 'query').next));
  }

  @Post('sign-in')
  async signInPost(@Req() req: FastifyRequest, @Res() res: FastifyReply) {
    const form = consoleFields(req.body, 'signInForm', 'body');
    const next = safeNext(form.next);
    if (!sameSecret(form.csrf, cookies(req)[SIGN_IN_COOKIE])) {
      const t = translator(langOf(req));
      return this.signIn(res, next, 403, refusalBox({ title: t('Không được phép', 'Not allowed'), message: t('Biểu mẫu đăng nhập đã hết hạn; hãy thử lại.', 'The sign-in form has expired; try again.'), code: 'FORBIDDEN' }, t));
    }
    try {
      const { cookie } = await this.sessions.signIn(form.token ?? '', req.ip, this.clock.now());
      res.header('Set-Cookie', [this.cookie(SESSION_COOKIE, cookie, SESSION_HOURS * 3600), this.cookie(SIGN_IN_COOKIE, '', 0)]);
      res.redirect(next, 303);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      const { status, box } = refusalOf(error, langOf(req));
      this.signIn(res, next, status, box);
    }
  }

  @Post('sign-out')
  async signOut(@Req() req: FastifyRequest, @Res() res: FastifyReply) {
    await this.withSession(req, res, async (s) => {
      consoleFields(req.body, 'sessionForm', 'body');
      await this.sessions.signOut(s.idHash);
      res.header('Set-Cookie', this.cookie(SESSION_COOKIE, '', 0));
      res.redirect(`${CONSOLE}/sign-in`, 303);
    });
  }

  @Get('overview')
  async overview(@Req() req: FastifyRequest, @Res() res: FastifyReply) {
    await this.withSession(req, res, async (s, ctx, t) => {
      const model = await this.consoleService.overview(s.principal, consoleFields(req.query, 'overviewQuery', 'query'), this.clock.now());
      res.header(DATA_AS_OF, model.asOf.toISOString());
      this.send(res, 200, page(t('Tổng quan giải quyết hồ sơ', 'Processing overview'), ctx, overviewBody(model, t)));
    });
  }

  @Get('alerts')
  async alerts(@Req() req: FastifyRequest, @Res() res: FastifyReply) {
    await this.withSession(req, res, async (s, ctx, t) => {
      const model = await this.consoleService.alerts(s.principal, consoleFields(req.query, 'alertsQuery', 'query'), this.clock.now());
      res.header(DATA_AS_OF, model.asOf.toISOString());
      this.send(res, 200, page(model.kind === 'overdue' ? t('Hồ sơ quá hạn', 'Overdue dossiers') : t('Hồ sơ sắp đến hạn', 'Dossiers near due'), ctx, alertsBody(model, t)));
    });
  }

  @Get('procedures')
  async procedures(@Req() req: FastifyRequest, @Res() res: FastifyReply) {
    await this.withSession(req, res, async (_s, ctx, t) => {
      consoleFields(req.query, 'noQuery', 'query');
      this.send(res, 200, page(t('Thủ tục hành chính', 'Procedures'), ctx, proceduresBody(this.consoleService.procedures(), t)));
    });
  }

  @Get('procedures/:code/:version')
  async procedure(@Param('code') code: string, @Param('version') version: string, @Req() req: FastifyRequest, @Res() res: FastifyReply) {
    await this.withSession(req, res, async (_s, ctx, t) => {
      consoleFields(req.query, 'noQuery', 'query');
      const p = this.consoleService.procedure(code, version);
      this.send(res, 200, page(`${p.name} (${t('phiên bản', 'version')} ${p.version})`, ctx, procedureBody(p, ctx.lang, t)));
    });
  }

  @Get('dossiers/:id')
  async dossier(@Param('id') id: string, @Req() req: FastifyRequest, @Res() res: FastifyReply) {
    await this.withSession(req, res, async (s, ctx, t) => {
      const { done } = consoleFields(req.query, 'dossierQuery', 'query');
      const model = await this.consoleService.dossier(s.principal, checkedId(id), s.csrfToken, this.clock.now());
      if (done) model.message = notice(`${t('Đã thực hiện', 'Done')}: ${word(ACTIONS, done, t)}.`);
      this.send(res, 200, page(`${t('Hồ sơ', 'Dossier')} ${model.view.portalCode}`, ctx, dossierBody(model, t)));
    });
  }

  @Post('dossiers/:id/actions')
  async act(@Param('id') id: string, @Req() req: FastifyRequest, @Res() res: FastifyReply) {
    await this.withSession(req, res, async (s, ctx, t) => {
      const form = consoleFields(req.body, 'actionForm', 'body');
      try {
        await this.consoleService.act(s.principal, checkedId(id), form, this.clock.now());
        res.redirect(`${CONSOLE}/dossiers/${id}?done=${encodeURIComponent(form.action ?? '')}`, 303);
      } catch (error) {
        if (!(error instanceof DomainError) || error.code === 'DOSSIER_NOT_FOUND') throw error;
        // The refusal above the dossier as it is now, so the official sees why and what is possible.
        const { status, box } = refusalOf(error, ctx.lang);
        const model = await this.consoleService.dossier(s.principal, id, s.csrfToken, this.clock.now());
        model.message = box;
        this.send(res, status, page(`${t('Hồ sơ', 'Dossier')} ${model.view.portalCode}`, ctx, dossierBody(model, t)));
      }
    });
  }

  @Get('dossiers/:id/documents/:documentId')
  async document(@Param('id') id: string, @Param('documentId') documentId: string, @Req() req: FastifyRequest, @Res() res: FastifyReply) {
    await this.withSession(req, res, async (s, _ctx, t) => {
      consoleFields(req.query, 'noQuery', 'query');
      const doc = await this.documents.get(checkedId(id), documentId, s.principal);
      const toolbar = html`<nav class="console-toolbar" aria-label="${t('Thao tác với văn bản', 'Document actions')}"><a href="${CONSOLE}/dossiers/${id}">← ${t('Quay lại hồ sơ', 'Back to the dossier')}</a>
<button type="button" data-print>${t('In / Lưu thành PDF', 'Print / save as PDF')}</button> <a href="${CONSOLE}/dossiers/${id}/documents/${documentId}/pdf">${t('Tải tệp PDF', 'Download the PDF')}</a></nav>`;
      const printable = renderHtml(doc)
        .replace('</head>', `${TOOLBAR_STYLE}<script src="${CONSOLE}/static/console.js" defer></script>\n</head>`)
        .replace('<body>\n', `<body class="printable">\n${toolbar.text}\n`);
      this.send(res, 200, printable);
    });
  }

  @Get('dossiers/:id/documents/:documentId/pdf')
  async documentPdf(@Param('id') id: string, @Param('documentId') documentId: string, @Req() req: FastifyRequest, @Res() res: FastifyReply) {
    await this.withSession(req, res, async (s) => {
      consoleFields(req.query, 'noQuery', 'query');
      const doc = await this.documents.get(checkedId(id), documentId, s.principal);
      const pdf = await renderPdf(doc);
      res.header('Content-Disposition', `inline; filename="${documentId.replace(/[^A-Za-z0-9._-]/g, '_')}.pdf"`).type('application/pdf').send(pdf);
    });
  }
}

function checkedId(id: string): string {
  if (!UUID.test(id)) throw new DomainError('not-found', 'DOSSIER_NOT_FOUND', `dossier ${id.slice(0, 40)} does not exist`);
  return id;
}

