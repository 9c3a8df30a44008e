import type { EntityManager, EntityTarget, FindOptionsOrder, FindOptionsWhere, ObjectLiteral } from 'typeorm';
import { eventHash } from '../common/history-hash';
import { preparedQuery } from '../database/prepared';
import { Statement } from '../database/statement';
import type { LedgerEventColumns } from './ledger-event';

/** What the ledger keeps on every aggregate row: the optimistic version and the head of its chain. */
export interface LedgerRow {
  id: string;
  version: number;
  /** The hash of the newest history event (seq = version): the next event chains to it. */
  headHash: string;
  createdAt: Date;
  updatedAt: Date;
}

/** An event's columns but its chain (hash, prevHash) and the relation to its aggregate. */
export type EventColumns<E> = Omit<E, 'hash' | 'prevHash'>;

/** The tables of one kind of aggregate (dossiers, feedback) and how its events are written and shown. */
export interface LedgerBook<R extends LedgerRow, E extends LedgerEventColumns, N, V extends object = object> {
  rows: EntityTarget<R>;
  events: EntityTarget<E>;
  /** The event's column holding its aggregate's id, and the relation property beside it (never shown). */
  owner: keyof E & string;
  relation: keyof E & string;
  /** The event `n` makes of the row as it is after the change (its version is the event's seq). */
  columns(after: R, n: N, now: Date): EventColumns<E>;
  /** An event as the history API shows it, without hash and prevHash: what its hash covers. */
  entry(columns: EventColumns<E>): V;
  /** The 409 when another request changed the row first. */
  conflict(): Error;
}

/**
 * A write in the same statement as the change, and only if the change was: a row (outbox, idempotency
 * answer), or a statement of its own (an UPDATE, an INSERT … SELECT) that reads `changed`, the
 * CTE returning the changed row's `id`, so it writes nothing when the change did not.
 */
export type WrittenWith<R> =
  | { into: EntityTarget<ObjectLiteral>; values(after: R): ObjectLiteral }
  | { sql(st: Statement, after: R, changed: string): string };

/** What a change may set: never the identity, nor what the ledger keeps. */
export type Changes<R extends LedgerRow> = Partial<Omit<R, keyof LedgerRow>>;

function chained<R extends LedgerRow, E extends LedgerEventColumns, N>(book: LedgerBook<R, E, N>, after: R, n: N, prevHash: string | null, now: Date) {
  const columns = book.columns(after, n, now);
  const hash = eventHash(prevHash, book.entry(columns));
  return { hash, event: { ...columns, prevHash, hash } as unknown as E };
}

/**
 * The one write path of every aggregate: the row, its hash-chained history event and the rows
 * that go with it, as ONE statement (data-modifying CTEs), atomic without BEGIN/COMMIT round trips
 * and usable inside a caller's transaction too.
 */
export const Ledger = {
  /** Inserts a new aggregate row (version 1) with its first event. */
  async create<R extends LedgerRow, E extends LedgerEventColumns, N>(
    manager: EntityManager,
    book: LedgerBook<R, E, N>,
    row: Omit<R, 'headHash' | 'createdAt' | 'updatedAt'>,
    n: N,
    now: Date,
    withIt: WrittenWith<R>[] = [],
  ): Promise<R> {
    const draft = { ...row, headHash: '', createdAt: now, updatedAt: now } as R;
    const { hash, event } = chained(book, draft, n, null, now);
    const created = { ...draft, headHash: hash };
    const st = new Statement(manager);
    const ctes = [`r AS (${st.insert(book.rows, created)} RETURNING id)`, ...dependentInserts(st, book, event, withIt, created)];
    await preparedQuery(manager, `WITH ${ctes.join(', ')} SELECT 1`, st.params);
    return created;
  },

  /**
   * Applies `changes` if nobody changed the row since `before` was read (same id and version),
   * else the book's 409; returns the row as it is after.
   */
  async record<R extends LedgerRow, E extends LedgerEventColumns, N, B extends LedgerRow = R>(
    manager: EntityManager,
    book: LedgerBook<R, E, N>,
    before: B,
    changes: Changes<R>,
    n: N,
    now: Date,
    withIt: WrittenWith<B>[] = [],
  ): Promise<B> {
    const version = before.version + 1;
    const { hash, event } = chained(book, { ...before, ...changes, version } as unknown as R, n, before.headHash, now);
    const set = { ...changes, version, updatedAt: now, headHash: hash } as Partial<R>;
    const after = { ...before, ...set } as B;
    const st = new Statement(manager);
    const update = `UPDATE ${st.table(book.rows)} SET ${st.assignments(book.rows, set)} WHERE id = ${st.param(before.id)} AND version = ${st.param(before.version)} RETURNING id`;
    const ctes = [`r AS (${update})`, ...dependentInserts(st, book, event, withIt, after)];
    const [{ n: written }] = await preparedQuery<{ n: number }>(manager, `WITH ${ctes.join(', ')} SELECT count(*)::int AS n FROM r`, st.params);
    if (written !== 1) throw book.conflict();
    return after;
  },

  /** The aggregate's history, oldest first: each entry as shown, with the hash chaining it to the one before. */
  async history<R extends LedgerRow, E extends LedgerEventColumns, N, V extends object>(manager: EntityManager, book: LedgerBook<R, E, N, V>, id: string): Promise<(V & { hash: string; prevHash: string | null })[]> {
    const events = await manager.getRepository(book.events).find({ where: { [book.owner]: id } as FindOptionsWhere<E>, order: { seq: 'ASC' } as FindOptionsOrder<E> });
    return events.map((e) => {
      const { hash, prevHash, [book.relation]: _relation, ...columns } = e;
      return { ...book.entry(columns as EventColumns<E>), hash, prevHash };
    });
  },
};

/** The event and the rows written with the change `r`; each only if `r` wrote. */
function dependentInserts<R, E extends ObjectLiteral>(st: Statement, book: { events: EntityTarget<E> }, event: E, withIt: WrittenWith<R>[], after: R): string[] {
  const write = (w: WrittenWith<R>) => ('sql' in w ? w.sql(st, after, 'r') : st.insert(w.into, w.values(after), 'r'));
  return [`e AS (${st.insert(book.events, event, 'r')})`, ...withIt.map((w, i) => `w${i} AS (${write(w)})`)];
}
