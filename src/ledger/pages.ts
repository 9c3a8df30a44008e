// Every list of an aggregate (dossiers, feedback, outbox) pages the same way: by keyset (`cursor`,
// `limit`), the first and the thousandth page costing the same; or, for the callers of before, by
// `page`/`pageSize`, an offset the database walks, hence capped at PAGE_DEPTH_LIMIT rows deep.
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { invalidFields } from '../common/domain-error';

/** The deepest row a `page` may reach; past it the walk goes on by cursor. */
export const PAGE_DEPTH_LIMIT = 10_000;

/** `?cursor=&limit=` (keyset) or `?page=&pageSize=` (offset, capped) of every list. */
export class PageQuery {
  @ApiPropertyOptional({ description: 'the `nextCursor` of the previous answer (opaque); with `limit`, or alone', maxLength: 512 })
  @IsOptional() @IsString() @MaxLength(512) @Matches(/^[A-Za-z0-9_-]+$/, { message: 'cursor must be a nextCursor this list gave' })
  cursor?: string;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 200, description: 'items per answer by cursor (default 20); asks for `{ items, nextCursor }`' })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200)
  limit?: number;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: PAGE_DEPTH_LIMIT, default: 1, description: `page × pageSize ≤ ${PAGE_DEPTH_LIMIT}; deeper, use cursor` })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(PAGE_DEPTH_LIMIT)
  page?: number;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 200, default: 20 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200)
  pageSize?: number;
}

/** The answer of a list walked by cursor: `nextCursor` null at the end. */
export interface CursorPage<T> {
  items: T[];
  nextCursor: string | null;
}

/** The answer of a list asked by page: also its total, and the cursor that goes on after it. */
export interface NumberedPage<T> extends CursorPage<T> {
  page: number;
  pageSize: number;
  total: number;
}

export type Page<T> = CursorPage<T> | NumberedPage<T>;

/** A list's order: columns of one direction, the last one unique, so a row's values place it. */
export interface Keyset {
  columns: { expr: string; type: 'timestamptz' | 'uuid' | 'text' | 'bigint' }[];
  direction: 'ASC' | 'DESC';
}

const byCursor = (q: PageQuery) => q.cursor !== undefined || q.limit !== undefined;

/** Refuses a query mixing both ways of paging, or a page deeper than the cap; else says which way it pages. */
export function pagingMode(q: PageQuery): 'cursor' | 'page' {
  if (byCursor(q) && (q.page !== undefined || q.pageSize !== undefined)) {
    throw invalidFields('VALIDATION_FAILED', [{ field: 'cursor', message: 'cursor and limit page by keyset; do not send page or pageSize with them' }]);
  }
  if (byCursor(q)) return 'cursor';
  if ((q.page ?? 1) * (q.pageSize ?? 20) > PAGE_DEPTH_LIMIT) {
    throw invalidFields('PAGE_TOO_DEEP', [{ field: 'cursor', message: `page × pageSize may not pass ${PAGE_DEPTH_LIMIT}: walk further with cursor (each answer's nextCursor)` }]);
  }
  return 'page';
}

/** A real instant as PostgreSQL writes a timestamptz as text (`2021-03-01 02:00:00.123456+07`). */
function instantText(v: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})(\.\d{1,6})?[+-]\d{2}(:\d{2})?$/.exec(v);
  if (!m) return false;
  const [y, mo, d, h, mi, s] = m.slice(1, 7).map(Number);
  const day = new Date(Date.UTC(y, mo - 1, d));
  return y >= 1 && day.getUTCMonth() === mo - 1 && day.getUTCDate() === d && h < 24 && mi < 60 && s < 60;
}

/** A key as PostgreSQL writes it as text, so a forged cursor is refused before the database casts it. */
const KEY_TEXT: Record<Keyset['columns'][number]['type'], (v: string) => boolean> = {
  timestamptz: instantText,
  uuid: (v) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(v),
  bigint: (v) => /^\d{1,18}$/.test(v),
  text: (v) => !v.includes('\u0000'),
};

/** The key values a `nextCursor` of a list in `keyset`'s order holds; 400 CURSOR_INVALID for anything else. */
export function cursorValues(cursor: string, keyset: Keyset): string[] {
  let values: unknown;
  try {
    values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    values = null;
  }
  const fits = (v: unknown, i: number) => typeof v === 'string' && v.length <= 100 && KEY_TEXT[keyset.columns[i].type](v);
  if (!Array.isArray(values) || values.length !== keyset.columns.length || !values.every(fits)) {
    throw invalidFields('CURSOR_INVALID', [{ field: 'cursor', message: 'cursor must be a nextCursor this list gave' }]);
  }
  return values as string[];
}

/** The `nextCursor` that goes on after a row with these key values (read back as text). */
export const cursorOf = (values: string[]) => Buffer.from(JSON.stringify(values), 'utf8').toString('base64url');

/** No item: what a caller who may see nothing gets, without a query. */
export function emptyPage<T>(q: PageQuery): Page<T> {
  return pagingMode(q) === 'cursor' ? { items: [], nextCursor: null } : { items: [], page: q.page ?? 1, pageSize: q.pageSize ?? 20, total: 0, nextCursor: null };
}

/**
 * The page `q` asks for of `qb` in `keyset`'s order, each row as `view` makes it. The keys are read
 * back as text, so a cursor holds them exactly (timestamps to the microsecond).
 */
export async function readPage<E extends ObjectLiteral, T>(qb: SelectQueryBuilder<E>, q: PageQuery, keyset: Keyset, view: (row: E) => T): Promise<Page<T>> {
  const how = pagingMode(q);
  const size = (how === 'cursor' ? q.limit : q.pageSize) ?? 20;
  const { columns, direction } = keyset;
  columns.forEach((c, i) => {
    qb.addSelect(`${c.expr}::text`, `page_key_${i}`);
    qb.addOrderBy(c.expr, direction);
  });
  const total = how === 'page' ? await qb.clone().orderBy().getCount() : 0;
  if (how === 'cursor' && q.cursor !== undefined) {
    const values = cursorValues(q.cursor, keyset);
    const params = Object.fromEntries(values.map((v, i) => [`page_after_${i}`, v]));
    const after = columns.map((c, i) => `CAST(:page_after_${i} AS ${c.type})`).join(', ');
    qb.andWhere(`(${columns.map((c) => c.expr).join(', ')}) ${direction === 'ASC' ? '>' : '<'} (${after})`, params);
  }
  // One row past the page says whether another follows; by cursor the query has no OFFSET at all.
  if (how === 'page') qb.offset(((q.page ?? 1) - 1) * size);
  qb.limit(size + 1);
  const { entities, raw } = await qb.getRawAndEntities();
  const more = entities.length > size;
  const last = raw[Math.min(entities.length, size) - 1] as Record<string, string> | undefined;
  const nextCursor = more && last ? cursorOf(columns.map((_, i) => last[`page_key_${i}`])) : null;
  const items = entities.slice(0, size).map(view);
  return how === 'cursor' ? { items, nextCursor } : { items, page: q.page ?? 1, pageSize: size, total, nextCursor };
}
