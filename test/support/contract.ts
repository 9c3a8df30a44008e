// Checks requests and answers against the served OpenAPI document with Ajv (JSON Schema) and ajv-formats.
// Data-driven: the document says which operation a request is, which statuses and media types it may
// answer and what each body looks like; a new route is checked as soon as the document lists it.
// The document is OpenAPI 3.1, whose schemas are JSON Schema 2020-12: they are compiled as they are,
// by Ajv's 2020-12 validator, with nothing converted (null is allowed only where a schema says so).
import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
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
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
}

/**
 * Ajv in strict mode: a keyword that is neither JSON Schema 2020-12's nor one of the OpenAPI 3.1
 * dialect's own (annotations to a validator) makes the document's schemas fail to compile, so that a
 * leftover of OpenAPI 3.0 such as `nullable`, which a 3.1 validator ignores (and Ajv by default
 * would read as "or null"), cannot pass unnoticed.
 */
function validator(options: { coerceTypes?: boolean } = {}): Ajv2020 {
  const ajv = new Ajv2020({ strict: true, strictRequired: false, allowUnionTypes: true, allErrors: true, ...options });
  addFormats(ajv);
  // Ajv reads OpenAPI 3.0's `nullable` unless told not to; under 3.1 it is no keyword, and so refused here.
  ajv.removeKeyword('nullable');
  // The OpenAPI 3.1 dialect's vocabulary beside JSON Schema's: annotations, nothing to validate.
  ajv.addVocabulary(['example', 'discriminator', 'xml', 'externalDocs']);
  // OpenAPI's format for a body of bytes (a PDF), which JSON Schema does not define.
  ajv.addFormat('binary', true);
  return ajv;
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
  private readonly ajv = validator();
  /** Query and path values are text: read as the type their schema says (`?page=2` is the integer 2). */
  private readonly params = validator({ coerceTypes: true });
  private readonly routes: { method: string; pattern: RegExp; path: string; op: Operation }[];
  private readonly validators = new Map<string, ValidateFunction>();
  /** operationId → the statuses it was seen to answer. */
  readonly seen = new Map<string, Set<number>>();

  constructor(private readonly doc: OpenApiDocument) {
    if (!/^3\.1\./.test(doc.openapi)) throw new Error(`the checker reads OpenAPI 3.1 (JSON Schema 2020-12), not ${doc.openapi}`);
    for (const [name, schema] of Object.entries(doc.components.schemas)) {
      this.ajv.addSchema(schema, `#/components/schemas/${name}`);
      this.params.addSchema(schema, `#/components/schemas/${name}`);
    }
    // Compiled now, not at first use, so that a schema the validator cannot read fails every run.
    for (const name of Object.keys(doc.components.schemas)) this.ajv.getSchema(`#/components/schemas/${name}`);
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
    const parts = this.parts(schema);
    if (Array.isArray(value)) {
      const items = parts.find((p) => p.items)?.items as Schema | undefined;
      return items ? value.flatMap((v, i) => this.undocumented(items, v, `${at}/${i}`)) : [];
    }
    const properties = Object.assign({}, ...parts.map((p) => (p.properties as Record<string, Schema> | undefined) ?? {})) as Record<string, Schema>;
    const open = parts.find((p) => p.additionalProperties !== undefined)?.additionalProperties;
    if (Object.keys(properties).length === 0 && typeof open !== 'object') return [];
    return Object.entries(value).flatMap(([key, v]) => {
      const inner = properties[key] ?? (typeof open === 'object' ? (open as Schema) : undefined);
      if (!inner) return open === true ? [] : [`${at}/${key}`];
      return this.undocumented(inner, v, `${at}/${key}`);
    });
  }

  /**
   * A schema and the schemas it is made of (`$ref`, `allOf`, and the members of `anyOf` / `oneOf`
   * but `{ type: 'null' }`): where an object's properties may be named. `value` is not null here.
   */
  private parts(schema: Schema): Schema[] {
    const s = this.resolve(schema);
    const members = [...((s.allOf as Schema[] | undefined) ?? []), ...((s.anyOf as Schema[] | undefined) ?? []), ...((s.oneOf as Schema[] | undefined) ?? [])];
    return [s, ...members.filter((m) => m.type !== 'null').flatMap((m) => this.parts(m))];
  }

  private compiled(ajv: Ajv2020, schema: Schema): ValidateFunction {
    const key = `${ajv === this.params ? 'params' : 'bodies'}:${JSON.stringify(schema)}`;
    let validate = this.validators.get(key);
    if (!validate) {
      validate = ajv.compile(schema);
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
