import { Controller, Get, Header, Param } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Public } from './auth.decorators';
import { notFound } from './domain-error';
import { isErrorCode } from './error-codes';
import { problemIndexPage, problemPage } from './problem-pages';

/** Outside the /api/v1 prefix (setup-app.ts): a problem's `type` is `/problems/<code>`. */
export const PROBLEM_PAGE_PATHS = ['problems', 'problems/:code'];

/** The pages a problem's `type` points to: documentation, so not in the OpenAPI document. */
@ApiExcludeController()
@Public()
@Controller()
export class ProblemPagesController {
  @Get(PROBLEM_PAGE_PATHS[0])
  @Header('Content-Type', 'text/html; charset=utf-8')
  index(): string {
    return problemIndexPage();
  }

  @Get(PROBLEM_PAGE_PATHS[1])
  @Header('Content-Type', 'text/html; charset=utf-8')
  page(@Param('code') code: string): string {
    if (!isErrorCode(code)) throw notFound('NOT_FOUND', `no error code ${code.slice(0, 64)}; /problems lists them`);
    return problemPage(code);
  }
}
