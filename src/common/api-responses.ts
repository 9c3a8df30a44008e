// The success answers of operations in the OpenAPI document: a page of items, a list, one object.
import { applyDecorators, type Type } from '@nestjs/common';
import { ApiExtraModels, ApiProperty, ApiResponse, getSchemaPath } from '@nestjs/swagger';

/** The frame of every paged list: `{ items, nextCursor }`, with `page`, `pageSize` and `total` when asked by page. */
export class PageDto {
  @ApiProperty({ type: 'string', nullable: true, description: 'pass as `cursor` for the items after these; null at the end' }) nextCursor: string | null;
  @ApiProperty({ type: 'integer', minimum: 1, example: 1, required: false, description: 'asked by page only' }) page?: number;
  @ApiProperty({ type: 'integer', minimum: 1, example: 20, required: false, description: 'asked by page only' }) pageSize?: number;
  @ApiProperty({ type: 'integer', minimum: 0, required: false, description: 'asked by page only: the items matching the query' }) total?: number;
}

/** A page of `item` as the answer with `status` (200 unless told). */
export function ApiPageResponse(item: Type<unknown>, description: string, status = 200): MethodDecorator {
  return applyDecorators(
    ApiExtraModels(PageDto, item),
    ApiResponse({
      status,
      description,
      schema: {
        allOf: [
          { $ref: getSchemaPath(PageDto) },
          { type: 'object', required: ['items'], properties: { items: { type: 'array', items: { $ref: getSchemaPath(item) } } } },
        ],
      },
    }),
  );
}

/**
 * A JSON array of `item` as the answer with status 200; `totalCountHeader` when the list is paged by
 * query; `cursorPage` when a `cursor`/`limit` turns it into `{ items, nextCursor }`.
 */
export function ApiListResponse(item: Type<unknown>, description: string, options: { totalCountHeader?: boolean; cursorPage?: boolean } = {}): MethodDecorator {
  const headers = options.totalCountHeader
    ? { 'X-Total-Count': { description: 'the items matching the query, on every page', schema: { type: 'integer' as const, minimum: 0 } } }
    : undefined;
  const list = { type: 'array' as const, items: { $ref: getSchemaPath(item) } };
  const page = {
    type: 'object' as const,
    required: ['items', 'nextCursor'],
    properties: { items: list, nextCursor: { type: ['string', 'null'], description: 'pass as `cursor` for the items after these; null at the end' } },
  };
  return applyDecorators(ApiExtraModels(item), ApiResponse({ status: 200, description, headers, schema: options.cursorPage ? { oneOf: [list, page] } : list }));
}

/** The printable forms of a document, beside or instead of JSON (chosen by Accept). */
export const DOCUMENT_FORMATS = {
  'text/html': { schema: { type: 'string', description: 'a print-ready page' } },
  'application/pdf': { schema: { type: 'string', format: 'binary', description: 'an A4 PDF' } },
};
