import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import FISHING from '../../examples/procedures/fishing-boat-support@1.json';
import { cliOn } from '../support/cli';
import { bearer, token } from '../support/factories';
import { expectProblem } from '../support/problems';
import { createTestApp, type TestApp } from '../support/test-app';

// Deploying procedure versions as documents: over REST and the CLI, immutable once deployed, refused
// with the place of the problem and nothing stored, registering its unit kinds for units import.
describe('procedure definitions (e2e)', () => {
  let t: TestApp;
  let admin: { token: string };
  let cli: ReturnType<typeof cliOn>;
  const dir = mkdtempSync(join(tmpdir(), 'dvc-defs-'));
  const file = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };
  const v2 = () => ({ ...structuredClone(FISHING), version: 2, steps: FISHING.steps.map((s) => (s.key === 'boat-inspection' ? { ...s, timeLimitWorkingDays: 4 } : s)) });
  const deploy = (body: object, query = '') => t.http().post(`/api/v1/procedure-definitions${query}`).set(bearer(admin)).send(body);
  const stored = async () => (await t.db.query(`SELECT code, version FROM procedure_definition WHERE code = 'fishing-boat-support' ORDER BY version`)) as { version: number }[];

  beforeAll(async () => {
    t = await createTestApp();
    admin = await token(t.db, 'admin');
    cli = cliOn(t.databaseUrl);
  });
  afterAll(() => t.close());

  it('publishes the schema, the same as docs/ carries', async () => {
    const res = await t.http().get('/api/v1/procedure-definitions/schema').set(bearer(await token(t.db, 'integration'))).expect(200);
    expectProblem(await t.http().get('/api/v1/procedure-definitions/schema'), 401);
    expect(res.body).toEqual(JSON.parse(readFileSync(join(__dirname, '../../docs/procedure-definition.schema.json'), 'utf8')));
  });

  it('refuses a bad document with its place, storing nothing', async () => {
    const bad = { ...structuredClone(FISHING), steps: FISHING.steps.map((s, i) => (i === 2 ? { ...s, actor: 'harbour-master' } : s)) };
    const res = await deploy(bad);
    expectProblem(res, 400, 'PROCEDURE_ACTOR_UNKNOWN');
    expect(res.body.path).toBe('steps[2].actor');
    expectProblem(await deploy({ ...structuredClone(FISHING), eligibility: { kind: 'lottery' } }), 400, 'PROCEDURE_ELIGIBILITY_UNKNOWN');
    expect(await stored()).toEqual([]);
    expectProblem(await t.http().post('/api/v1/procedure-definitions').set(bearer(await token(t.db, 'integration'))).send(FISHING), 403);
  });

  it('deploys once, then answers unchanged, and refuses other content under the same version naming what differs', async () => {
    const first = await deploy(FISHING).expect(201);
    expect(first.body).toMatchObject({ code: 'fishing-boat-support', version: 1, result: 'deployed', sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect((await deploy(FISHING).expect(200)).body).toMatchObject({ result: 'unchanged', sha256: first.body.sha256 });
    const changed = await deploy({ ...structuredClone(FISHING), name: 'Tên khác' });
    expectProblem(changed, 409, 'PROCEDURE_VERSION_IMMUTABLE');
    expect(changed.body.differences).toEqual([{ path: 'name', before: FISHING.name, after: 'Tên khác' }]);
    // The table itself refuses any change.
    await expect(t.db.query(`UPDATE procedure_definition SET sha256 = repeat('0', 64) WHERE code = 'fishing-boat-support'`)).rejects.toThrow(/immutable/);
  });

  it('checks a YAML file with the CLI, saying what would change, then deploys it', async () => {
    const path = file('fishing-v2.yaml', stringify(v2()));
    const check = await cli('procedures', 'deploy', path, '--check', '--json');
    expect(check.code).toBe(0);
    expect(JSON.parse(check.out)).toMatchObject({ result: 'would-deploy', version: 2, against: 1, differences: [{ path: 'version', before: 1, after: 2 }, { path: 'steps[1].timeLimitWorkingDays', before: 5, after: 4 }] });
    expect(await stored()).toHaveLength(1);
    const done = await cli('procedures', 'deploy', path, '--json');
    expect(JSON.parse(done.out)).toMatchObject({ result: 'deployed', version: 2 });
    expect((await stored()).map((r) => r.version)).toEqual([1, 2]);
    // The same content as JSON is the same version.
    expect(JSON.parse((await cli('procedures', 'deploy', file('fishing-v2.json', JSON.stringify(v2())), '--json')).out).result).toBe('unchanged');
  });

  it('refuses a file that is not UTF-8 JSON or YAML with exit 1', async () => {
    const res = await cli('procedures', 'deploy', file('latin1.json', Buffer.from([0x7b, 0xe9, 0x7d]).toString('latin1')), '--json');
    const bytes = file('bad.bin', '');
    writeFileSync(bytes, Buffer.from([0x7b, 0x22, 0xff, 0x22, 0x7d]));
    const binary = await cli('procedures', 'deploy', bytes, '--json');
    expect(binary.code).toBe(1);
    expect(JSON.parse(binary.out)).toMatchObject({ code: 'PROCEDURE_DEFINITION_UNREADABLE', path: '' });
    expect(res.code).toBe(1);
    const missing = await cli('procedures', 'deploy', file('no-steps.yaml', stringify({ ...FISHING, version: 3, steps: undefined })), '--json');
    expect(missing.code).toBe(1);
    expect(JSON.parse(missing.out)).toMatchObject({ code: 'PROCEDURE_DEFINITION_INVALID', path: 'steps' });
    expect((await stored()).map((r) => r.version)).toEqual([1, 2]);
  });

  it('lists, shows and compares deployed versions, the seeds among them', async () => {
    const list = JSON.parse((await cli('procedures', 'list', '--json')).out);
    expect(list.items.map((i: { code: string; version: number }) => `${i.code}@${i.version}`)).toEqual([
      'fishing-boat-support@1', 'fishing-boat-support@2', 'unpaid-leave-support@1', 'unpaid-leave-support@2', 'wage-loan-support@1', 'wage-loan-support@2',
    ]);
    expect(list.items.find((i: { code: string }) => i.code === 'unpaid-leave-support')).toMatchObject({ version: 1, published: true });
    const shown = JSON.parse((await cli('procedures', 'show', 'fishing-boat-support', '--version', '1', '--json')).out);
    expect(shown.document.steps[1]).toMatchObject({ key: 'boat-inspection', advance: 'certify-boat', timeLimitWorkingDays: 5 });
    expect(JSON.parse((await cli('procedures', 'show', 'fishing-boat-support', '--json')).out).version).toBe(2);
    const diff = JSON.parse((await cli('procedures', 'diff', 'fishing-boat-support', '1', '2', '--json')).out);
    expect(diff.differences).toHaveLength(2);
    expect(diff.differences).toEqual(expect.arrayContaining([{ path: 'version', before: 1, after: 2 }, { path: 'steps[1].timeLimitWorkingDays', before: 5, after: 4 }]));
    expect((await cli('procedures', 'show', 'fishing-boat-support', '--version', '9')).code).toBe(1);
    const rest = await t.http().get('/api/v1/procedure-definitions').set(bearer(admin)).expect(200);
    expect(rest.body.items).toHaveLength(6);
  });

  it('registers the unit kind it declares for units import, and takes effect through procedures publish', async () => {
    const csv = file('units.csv', 'code,name,kind,province_code,district_code\nNN-522,Phòng NN&PTNT TP Quảng Ngãi,fisheries-office,51,522\n');
    const imported = await cli('units', 'import', csv, '--json');
    expect(imported.code).toBe(0);
    expect(JSON.parse(imported.out).rejected).toEqual([]);
    expect((await cli('procedures', 'publish', '--code', 'fishing-boat-support', '--version', '1', '--json')).code).toBe(0);
    const catalogue = (await t.http().get('/api/v1/procedures').expect(200)).body.find((p: { code: string }) => p.code === 'fishing-boat-support');
    expect(catalogue).toMatchObject({ version: 1, steps: [{ key: 'submission' }, { key: 'boat-inspection', actor: 'fisheries-office', timeLimitWorkingDays: 5 }, { key: 'support-decision' }] });
  });
});
