#!/usr/bin/env node
// A tiny write loop for measuring by hand how long writes stop during a
// failover (not the dvc service: plain INSERTs through HAProxy's primary port).
//   NODE_PATH=<a checkout with node_modules>/node_modules node deploy/ha/write-loop.js SECONDS
// Prints each gap (last acknowledged write before it -> first one after it),
// the errors seen in it, the replica's lag now and then, and at the end
// whether every acknowledged write is in the table (synchronous_mode's promise).
'use strict';
const { Client } = require('pg');

const seconds = Number(process.argv[2] || 30);
const env = (k, d) => process.env[k] || d;
const primary = env('DATABASE_URL', 'postgres://postgres@127.0.0.1:5445/dvc');
const replica = env('DATABASE_READ_URL', 'postgres://postgres@127.0.0.1:5446/dvc');
const opts = (url) => ({ connectionString: url, connectionTimeoutMillis: 1000, query_timeout: 2000, statement_timeout: 2000 });
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const t0 = Date.now();
const at = () => ((Date.now() - t0) / 1000).toFixed(2).padStart(6);

async function connect(url) {
  const c = new Client(opts(url));
  c.on('error', () => {}); // a dead server's socket error arrives here too; the next query fails and we reconnect
  await c.connect();
  return c;
}

async function writes(acked) {
  let c = null, lastOk = Date.now(), gapErrors = null;
  const gaps = [];
  while (Date.now() - t0 < seconds * 1000) {
    try {
      if (!c) c = await connect(primary);
      const r = await c.query('INSERT INTO ha_probe DEFAULT VALUES RETURNING id');
      acked.push(r.rows[0].id);
      const now = Date.now();
      if (gapErrors) {
        gaps.push(now - lastOk);
        console.log(`${at()}s writes again after ${((now - lastOk) / 1000).toFixed(2)} s; errors: ${[...gapErrors.entries()].map(([k, v]) => `${k} x${v}`).join(', ')}`);
        gapErrors = null;
      }
      lastOk = now;
    } catch (e) {
      if (!gapErrors) { gapErrors = new Map(); console.log(`${at()}s writes fail: ${e.code || ''} ${e.message}`); }
      const k = e.code || e.message.slice(0, 40);
      gapErrors.set(k, (gapErrors.get(k) || 0) + 1);
      if (c) { c.end().catch(() => {}); c = null; }
      await sleep(100);
    }
    await sleep(20);
  }
  if (c) await c.end().catch(() => {});
  if (gapErrors) console.log(`${at()}s writes still failing at the end, for ${((Date.now() - lastOk) / 1000).toFixed(2)} s`);
  return { gaps, open: !!gapErrors };
}

async function lag() {
  let c = null;
  const samples = [];
  while (Date.now() - t0 < seconds * 1000) {
    try {
      if (!c) c = await connect(replica);
      // Replay lag as a reader sees it: how old the last replayed commit is,
      // or 0 when everything received is replayed (an idle primary commits
      // nothing, so the timestamp alone would age although nothing lags).
      const r = await c.query(`SELECT pg_is_in_recovery() AS standby,
        CASE WHEN pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() THEN 0
             ELSE extract(epoch FROM now() - pg_last_xact_replay_timestamp()) * 1000 END AS ms`);
      const ms = Number(r.rows[0].ms);
      if (r.rows[0].standby && r.rows[0].ms !== null) {
        samples.push(ms);
        if (ms > 1000) console.log(`${at()}s replica replay lag ${Math.round(ms)} ms`);
      }
    } catch {
      if (c) { c.end().catch(() => {}); c = null; }
    }
    await sleep(500);
  }
  if (c) await c.end().catch(() => {});
  return samples.sort((a, b) => a - b);
}

(async () => {
  const setup = await connect(primary);
  await setup.query('CREATE TABLE IF NOT EXISTS ha_probe (id bigserial PRIMARY KEY, at timestamptz NOT NULL DEFAULT clock_timestamp())');
  await setup.end();
  const acked = [];
  const [{ gaps, open }, lags] = await Promise.all([writes(acked), lag()]);
  let check = null;
  for (let i = 0; i < 30 && !check; i++) {
    try {
      check = await connect(primary);
    } catch {
      await sleep(1000);
    }
  }
  const r = await check.query('SELECT count(*)::int AS n FROM ha_probe WHERE id = ANY($1::bigint[])', [acked]);
  await check.end();
  console.log(`acknowledged ${acked.length}, found ${r.rows[0].n}, lost ${acked.length - r.rows[0].n}`);
  const q = (f) => (lags.length ? Math.round(lags[Math.min(lags.length - 1, Math.floor(f * lags.length))]) : 'n/a');
  console.log(`gaps (s): ${gaps.map((g) => (g / 1000).toFixed(2)).join(' ') || 'none'}`);
  console.log(`replica replay lag (ms, ${lags.length} samples): median ${q(0.5)}, p90 ${q(0.9)}, max ${q(1)}`);
  // one line for scripts (measure.sh)
  console.log(`RESULT acked=${acked.length} lost=${acked.length - r.rows[0].n} gaps=${gaps.map((g) => (g / 1000).toFixed(2)).join(',') || '-'} open=${open ? 1 : 0} lag_p50=${q(0.5)} lag_max=${q(1)}`);
  process.exit(acked.length === r.rows[0].n ? 0 : 1);
})().catch((e) => { console.error(e); process.exit(2); });
