// Every list of an aggregate (dossiers, feedback) pages the same way: one query, one page frame.
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';

/** `?page=&pageSize=` of every list. */
export class PageQuery {
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 100000, default: 1 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100000) page: number = 1;
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 200, default: 20 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200) pageSize: number = 20;
}

/** The answer of every paged list. */
export interface Page<T> {
  items: T[];
  page: number;
  pageSize: number;
  total: number;
}

/** No item: what a caller who may see nothing gets, without a query. */
export function emptyPage<T>(q: PageQuery): Page<T> {
  return { items: [], page: q.page, pageSize: q.pageSize, total: 0 };
}

/** The page `q` asks for of `qb` (ordered by the caller), each row as `view` makes it. */
export async function readPage<E extends ObjectLiteral, T>(qb: SelectQueryBuilder<E>, q: PageQuery, view: (row: E) => T): Promise<Page<T>> {
  const [rows, total] = await qb
    .skip((q.page - 1) * q.pageSize)
    .take(q.pageSize)
    .getManyAndCount();
  return { items: rows.map(view), page: q.page, pageSize: q.pageSize, total };
}
