// Checks requests and answers against the served OpenAPI document with Ajv (JSON Schema) and ajv-formats.
// Data-driven: the document says which operation a request is, which statuses and media types it may
// answer and what each body looks like; a new route is checked as soon as the document lists it.
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

type Schema = Record<string, unknown>;
interface MediaType { schema?: Schema }
interface Parameter { name: string; in: string; required?: boolean; schema?: Schema }
interface Operation {
  operationId: string;
  parameters?: Parameter[];
  requestBody?: { content: Record<string, MediaType> };
  responses: Record<string, { content?: Record<string, MediaType> }>;
}
export interface OpenApiDocument {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
}

/** OpenAPI 3.0's `nullable: true` as JSON Schema: the schema, or null. */
function toJsonSchema(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(toJsonSchema);
  if (node === null || typeof node !== 'object') return node;
  const out: Schema = {};
  for (const [key, value] of Object.entries(node)) out[key] = key === 'example' ? value : toJsonSchema(value);
  if (out.nullable !== true) return out;
  delete out.nullable;
  return { anyOf: [out, { type: 'null' }] };
}

export interface Exchange {
  method: string;
  /** The path as sent, query string included. */
  url: string;
  requestBody?: unknown;
  status: number;
  contentType: string | undefined;
  body: unknown;
}

export class Contract {
  private readonly ajv = new Ajv({ strict: false, allErrors: true });
  /** Query and path values are text: read as the type their schema says (`?page=2` is the integer 2). */
  private readonly params = new Ajv({ strict: false, allErrors: true, coerceTypes: true });
  private readonly routes: { method: string; pattern: RegExp; path: string; op: Operation }[];
  private readonly validators = new Map<string, ValidateFunction>();
  /** operationId → the statuses it was seen to answer. */
  readonly seen = new Map<string, Set<number>>();

  constructor(private readonly doc: OpenApiDocument) {
    addFormats(this.ajv);
    addFormats(this.params);
    this.ajv.addFormat('binary', true);
    for (const [name, schema] of Object.entries(doc.components.schemas)) {
      this.ajv.addSchema(toJsonSchema(schema) as Schema, `#/components/schemas/${name}`);
    }
    this.routes = Object.entries(doc.paths)
      .flatMap(([path, ops]) =>
        Object.entries(ops).map(([method, op]) => ({
          method: method.toUpperCase(),
          path,
          pattern: new RegExp(`^${path.replace(/\{[^}]+\}/g, '[^/]+')}$`),
          op,
          params: (path.match(/\{/g) ?? []).length,
        })),
      )
      // A literal segment wins over a parameter (/feedback/history before /feedback/{id}).
      .sort((a, b) => a.params - b.params);
  }

  get operationIds(): string[] {
    return this.routes.map((r) => r.op.operationId);
  }

  /** Every way the exchange departs from the document; empty when it matches. */
  check(x: Exchange): string[] {
    const path = x.url.split('?')[0];
    const route = this.routes.find((r) => r.method === x.method && r.pattern.test(path));
    if (!route) return [`${x.method} ${path}: no operation of the document`];
    const { op } = route;
    const name = `${op.operationId} (${x.method} ${route.path})`;
    const statuses = this.seen.get(op.operationId) ?? new Set<number>();
    statuses.add(x.status);
    this.seen.set(op.operationId, statuses);
    const problems: string[] = [];
    // What the service accepted, the document must accept: no undocumented or mistyped field.
    const requestSchema = op.requestBody?.content['application/json']?.schema;
    if (x.status < 300 && requestSchema && x.requestBody !== undefined) {
      problems.push(...this.validate(requestSchema, x.requestBody, `${name} request`));
    }
    if (x.status < 300) problems.push(...this.checkParameters(op, route.path, x.url, name));
    const answer = op.responses[String(x.status)] ?? op.responses.default;
    if (!answer) return [...problems, `${name} answered ${x.status}, which the document does not list (${Object.keys(op.responses).join(', ')})`];
    const mediaType = x.contentType?.split(';')[0].trim();
    if (!answer.content) return mediaType && x.body !== undefined && x.body !== '' ? [...problems, `${name} ${x.status}: a ${mediaType} body where the document lists none`] : problems;
    const media = mediaType ? answer.content[mediaType] : undefined;
    if (!media) return [...problems, `${name} ${x.status}: ${mediaType} is not one of ${Object.keys(answer.content).join(', ')}`];
    if (media.schema && /json$/.test(mediaType!)) problems.push(...this.validate(media.schema, x.body, `${name} ${x.status}`));
    return problems;
  }

  /** The path and query parameters of a request the service accepted: each documented, each of its documented type. */
  private checkParameters(op: Operation, template: string, url: string, name: string): string[] {
    const [path, query = ''] = url.split('?');
    const names = template.split('/').map((part) => /^\{(.+)\}$/.exec(part)?.[1]);
    const given: [string, string, string][] = [
      ...path.split('/').flatMap((value, i): [string, string, string][] => (names[i] ? [['path', names[i]!, decodeURIComponent(value)]] : [])),
      ...[...new URLSearchParams(query)].map(([key, value]): [string, string, string] => ['query', key, value]),
    ];
    return given.flatMap(([where, key, value]) => {
      const documented = op.parameters?.find((p) => p.in === where && p.name === key);
      if (!documented) return [`${name} request: the ${where} parameter ${key} is not in the document`];
      if (!documented.schema) return [];
      const valid = this.compiled(this.params, { type: 'object', properties: { value: documented.schema } })({ value });
      return valid ? [] : [`${name} request: ${where} ${key}=${value} does not match ${JSON.stringify(documented.schema)}`];
    });
  }

  private validate(schema: Schema, value: unknown, what: string): string[] {
    const validate = this.compiled(this.ajv, schema);
    const errors = validate(value) ? [] : (validate.errors ?? []).map((e) => `${what}: ${e.instancePath || '/'} ${e.message} ${JSON.stringify(e.params)}`);
    return [...errors, ...this.undocumented(schema, value, '').map((p) => `${what}: ${p} is not in the document`)];
  }

  /**
   * Members of an object that its schema does not name. The document leaves objects open (clients
   * must ignore fields they do not know), so Ajv lets them pass; the test does not, so that every
   * field the service sends is documented. Objects without `properties` are free-form.
   */
  private undocumented(schema: Schema | undefined, value: unknown, at: string): string[] {
    if (!schema || value === null || typeof value !== 'object') return [];
    const s = this.resolve(schema);
    if (Array.isArray(value)) return s.items ? value.flatMap((v, i) => this.undocumented(s.items as Schema, v, `${at}/${i}`)) : [];
    const parts = [s, ...((s.allOf as Schema[] | undefined) ?? []).map((p) => this.resolve(p))];
    const properties = Object.assign({}, ...parts.map((p) => (p.properties as Record<string, Schema> | undefined) ?? {})) as Record<string, Schema>;
    const open = parts.find((p) => p.additionalProperties !== undefined)?.additionalProperties;
    if (Object.keys(properties).length === 0 && typeof open !== 'object') return [];
    return Object.entries(value).flatMap(([key, v]) => {
      const inner = properties[key] ?? (typeof open === 'object' ? (open as Schema) : undefined);
      if (!inner) return open === true ? [] : [`${at}/${key}`];
      return this.undocumented(inner, v, `${at}/${key}`);
    });
  }

  private compiled(ajv: Ajv, schema: Schema): ValidateFunction {
    const key = `${ajv === this.params ? 'params' : 'bodies'}:${JSON.stringify(schema)}`;
    let validate = this.validators.get(key);
    if (!validate) {
      validate = ajv.compile(toJsonSchema(schema) as Schema);
      this.validators.set(key, validate);
    }
    return validate;
  }

  private resolve(schema: Schema): Schema {
    const ref = schema.$ref as string | undefined;
    if (!ref) return schema;
    return this.resolve(this.doc.components.schemas[ref.replace('#/components/schemas/', '')]);
  }
}
