// npm run lint:monitoring (part of npm run lint): the files an operator deploys beside the service.
// - deploy/monitoring/alerts.yml: `promtool check rules`, and `promtool test rules` on alerts.test.yml;
// - deploy/monitoring/grafana-dashboard.json: every query of every panel selects its series with
//   job=~"$job" and instance=~"$instance" (the dashboard's variables), and parses as PromQL
//   (`promtool check rules` on the queries written as recording rules);
// - docker-compose.yml: its secrets are required (`${VAR:?…}`, no default), the app gets a
//   METRICS_TOKEN and a stop_grace_period.
// promtool is Debian's `prometheus` package (.ci/run installs it); no Prometheus server is needed.
'use strict';
const { spawnSync } = require('node:child_process');
const { mkdtempSync, readFileSync, rmSync, writeFileSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join, resolve } = require('node:path');

const ROOT = resolve(__dirname, '..');
const MONITORING = join(ROOT, 'deploy/monitoring');
const FILTERS = ['job=~"$job"', 'instance=~"$instance"'];
const SECRETS = ['POSTGRES_PASSWORD', 'DVC_OWNER_PASSWORD', 'DVC_APP_PASSWORD', 'METRICS_TOKEN'];

const problems = [];

/** Runs promtool; a failure is a problem named `what`, with promtool's output. */
function promtool(what, ...args) {
  const run = spawnSync('promtool', args, { encoding: 'utf8' });
  if (run.error && run.error.code === 'ENOENT') {
    console.error('lint:monitoring: promtool is not on PATH; install Debian\'s prometheus package (apt-get install --no-install-recommends prometheus)');
    process.exit(2);
  }
  if (run.status !== 0) problems.push(`${what}: promtool ${args[0]} ${args[1]} failed (exit ${run.status}):\n${run.stdout}${run.stderr}`);
}

// PromQL words that are not metric names: operators, modifiers, and the aggregations (`sum by (x) (…)`).
const KEYWORDS = new Set([
  'by', 'without', 'on', 'ignoring', 'group_left', 'group_right', 'and', 'or', 'unless', 'bool', 'offset', 'inf', 'nan',
  'sum', 'min', 'max', 'avg', 'group', 'stddev', 'stdvar', 'count', 'count_values', 'bottomk', 'topk', 'quantile',
]);
const GROUPING = new Set(['by', 'without', 'on', 'ignoring', 'group_left', 'group_right']);

/** The vector selectors of a PromQL expression: each metric name with the text of its `{…}` ('' when none). */
function selectors(expr) {
  const out = [];
  let i = 0;
  const skipString = (j) => {
    const quote = expr[j];
    for (j += 1; j < expr.length && expr[j] !== quote; j += 1) if (expr[j] === '\\') j += 1;
    return j + 1;
  };
  const skipSpace = (j) => {
    while (j < expr.length && /\s/.test(expr[j])) j += 1;
    return j;
  };
  const braces = (j) => {
    let end = j + 1;
    while (end < expr.length && expr[end] !== '}') end = /["'`]/.test(expr[end]) ? skipString(end) : end + 1;
    return expr.slice(j + 1, end);
  };
  while (i < expr.length) {
    const c = expr[i];
    if (/["'`]/.test(c)) i = skipString(i);
    else if (c === '[') i = expr.indexOf(']', i) + 1 || expr.length;
    else if (c === '{') {
      out.push({ name: '', matchers: braces(i) }); // a selector without a name: {__name__=~"…"}
      i += braces(i).length + 2;
    } else if (/[0-9.]/.test(c)) {
      while (i < expr.length && /[0-9a-zA-Z.]/.test(expr[i])) i += 1;
    } else if (/[a-zA-Z_:]/.test(c)) {
      let end = i;
      while (end < expr.length && /[a-zA-Z0-9_:]/.test(expr[end])) end += 1;
      const word = expr.slice(i, end);
      const next = skipSpace(end);
      if (GROUPING.has(word) && expr[next] === '(') i = expr.indexOf(')', next) + 1;
      else if (KEYWORDS.has(word.toLowerCase()) || expr[next] === '(') i = end;
      else if (expr[next] === '{') {
        const matchers = braces(next);
        out.push({ name: word, matchers });
        i = next + matchers.length + 2;
      } else {
        out.push({ name: word, matchers: '' });
        i = end;
      }
    } else i += 1;
  }
  return out;
}

function checkDashboard() {
  const file = 'deploy/monitoring/grafana-dashboard.json';
  const dashboard = JSON.parse(readFileSync(join(ROOT, file), 'utf8'));
  const variables = new Map((dashboard.templating?.list ?? []).map((v) => [v.name, v]));
  for (const [name, source] of [['job', ''], ['instance', '{job=~"$job"}']]) {
    const v = variables.get(name);
    const query = typeof v?.query === 'string' ? v.query : v?.query?.query;
    if (!v || v.type !== 'query' || !new RegExp(`^label_values\\(\\w+${source.replace(/[{}$]/g, '\\$&')}, ${name}\\)$`).test(query ?? '')) {
      problems.push(`${file}: the template variable "${name}" must be a query label_values(<metric>${source}, ${name})`);
    } else if (!v.includeAll || v.allValue !== '.*') problems.push(`${file}: the variable "${name}" needs "includeAll" and "allValue": ".*" (the queries match it with =~)`);
  }
  const panels = (dashboard.panels ?? []).flatMap((p) => [p, ...(p.panels ?? [])]);
  const queries = [];
  for (const panel of panels) {
    if (panel.type === 'row') continue;
    if (!panel.targets?.length) problems.push(`${file}: panel ${panel.id} "${panel.title}" has no query`);
    for (const target of panel.targets ?? []) {
      const where = `${file}: panel ${panel.id} "${panel.title}", query ${target.refId}`;
      const found = selectors(target.expr ?? '');
      if (!found.length) problems.push(`${where}: no series selected in ${JSON.stringify(target.expr)}`);
      for (const { name, matchers } of found) {
        const missing = FILTERS.filter((f) => !matchers.split(',').map((m) => m.trim()).includes(f));
        if (missing.length) problems.push(`${where}: ${name || 'a selector'}{${matchers}} lacks ${missing.join(' and ')}`);
      }
      queries.push({ record: `dashboard_panel_${panel.id}_${target.refId}`, expr: target.expr.replaceAll('$job', '.*').replaceAll('$instance', '.*') });
    }
  }
  // The queries must parse: written as recording rules (the variables as .*), promtool parses them.
  const dir = mkdtempSync(join(tmpdir(), 'dvc-dashboard-'));
  try {
    const rules = join(dir, 'dashboard-queries.yml');
    writeFileSync(rules, JSON.stringify({ groups: [{ name: 'dashboard', rules: queries }] }, null, 2));
    promtool(`${file} (its queries as recording rules, $job and $instance as .*)`, 'check', 'rules', rules);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function checkCompose() {
  const file = 'docker-compose.yml';
  const text = readFileSync(join(ROOT, file), 'utf8');
  for (const name of SECRETS) {
    const uses = [...text.matchAll(new RegExp(`\\$\\{${name}([^}]*)\\}`, 'g'))];
    if (!uses.length) problems.push(`${file}: ${name} is never used`);
    for (const [use, rest] of uses) if (!rest.startsWith(':?') || rest.length < 3) problems.push(`${file}: ${use} must be required with a message, \${${name}:?…}, not defaulted`);
  }
  const app = /^ {2}app:\n((?: {4,}.*\n|\s*\n)*)/m.exec(text)?.[1] ?? '';
  if (!/^ {6}METRICS_TOKEN: \$\{METRICS_TOKEN:\?/m.test(app)) problems.push(`${file}: the app service must set METRICS_TOKEN: \${METRICS_TOKEN:?…}`);
  if (!/^ {4}stop_grace_period: \S+/m.test(app)) problems.push(`${file}: the app service needs a stop_grace_period`);
}

promtool('deploy/monitoring/alerts.yml', 'check', 'rules', join(MONITORING, 'alerts.yml'));
promtool('deploy/monitoring/alerts.test.yml', 'test', 'rules', join(MONITORING, 'alerts.test.yml'));
checkDashboard();
checkCompose();
if (problems.length) {
  console.error(problems.join('\n'));
  process.exit(1);
}
console.log('lint:monitoring: alert rules checked and tested; dashboard queries filter on $job and $instance; docker-compose requires its secrets');
