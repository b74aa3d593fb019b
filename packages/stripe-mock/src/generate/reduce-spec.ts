import type {
  ObjectSchema,
  ParamSchema,
  ResourceKind,
  ResourceSpec,
  SpecSubset,
  StringSchema,
} from '../validate/schema.ts';

type Json = Record<string, unknown>;

const RESOURCES: Record<ResourceKind, { path: string; retrievePath: string }> = {
  payment_intent: { path: '/v1/payment_intents', retrievePath: '/v1/payment_intents/{intent}' },
  product: { path: '/v1/products', retrievePath: '/v1/products/{id}' },
  price: { path: '/v1/prices', retrievePath: '/v1/prices/{price}' },
  subscription: { path: '/v1/subscriptions', retrievePath: '/v1/subscriptions/{subscription_exposed_id}' },
  customer: { path: '/v1/customers', retrievePath: '/v1/customers/{customer}' },
};

/** Deeper than any create body in the 2023-08-16 spec nests; a cycle past it accepts anything. */
const MAX_REF_DEPTH = 8;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function at(root: Json, path: string[]): Json {
  let node: unknown = root;
  for (const key of path) node = isObject(node) ? node[key] : undefined;
  if (!isObject(node)) throw new Error(`spec has no object at ${path.join(' › ')}`);
  return node;
}

function resolveRef(spec: Json, ref: string): Json {
  if (!ref.startsWith('#/')) throw new Error(`unsupported $ref ${ref}`);
  return at(spec, ref.slice(2).split('/'));
}

const isEmptyStringEnum = (schema: ParamSchema): boolean =>
  'type' in schema && schema.type === 'string' && schema.enum?.length === 1 && schema.enum[0] === '';

/** Turns one OpenAPI schema into a ParamSchema: $refs inlined, prose dropped. */
export function reduceSchema(spec: Json, schema: Json, depth = 0): ParamSchema {
  if (typeof schema.$ref === 'string') {
    if (depth >= MAX_REF_DEPTH) return { type: 'object', additionalProperties: { type: 'string' } };
    return reduceSchema(spec, resolveRef(spec, schema.$ref), depth + 1);
  }
  if (Array.isArray(schema.anyOf)) {
    // Stripe reads an empty string as "unset" for every optional param, so `X | ""` is just X.
    const variants = schema.anyOf.filter(isObject).map((v) => reduceSchema(spec, v, depth));
    const meaningful = variants.filter((v) => !isEmptyStringEnum(v));
    if (meaningful.length === 1 && meaningful[0]) return meaningful[0];
    return { anyOf: meaningful.length > 0 ? meaningful : variants };
  }
  switch (schema.type) {
    case 'integer':
      return typeof schema.format === 'string' ? { type: 'integer', format: schema.format } : { type: 'integer' };
    case 'number':
      return { type: 'number' };
    case 'boolean':
      return { type: 'boolean' };
    case 'array':
      return {
        type: 'array',
        items: isObject(schema.items) ? reduceSchema(spec, schema.items, depth) : { type: 'string' },
      };
    case 'object':
      return reduceObject(spec, schema, depth);
    default:
      return reduceString(schema);
  }
}

function reduceString(schema: Json): ParamSchema {
  const out: StringSchema = { type: 'string' };
  if (Array.isArray(schema.enum)) out.enum = schema.enum.map(String);
  if (schema['x-stripeBypassValidation'] === true) out.bypassEnum = true;
  if (typeof schema.maxLength === 'number') out.maxLength = schema.maxLength;
  if (typeof schema.format === 'string') out.format = schema.format;
  return out;
}

function reduceObject(spec: Json, schema: Json, depth: number): ObjectSchema {
  const out: ObjectSchema = { type: 'object' };
  if (isObject(schema.properties)) {
    out.properties = {};
    for (const [name, property] of Object.entries(schema.properties)) {
      if (isObject(property)) out.properties[name] = reduceSchema(spec, property, depth);
    }
  }
  if (isObject(schema.additionalProperties)) {
    out.additionalProperties = reduceSchema(spec, schema.additionalProperties, depth);
  } else if (!out.properties) {
    out.properties = {};
  }
  if (Array.isArray(schema.required) && schema.required.length > 0) out.required = schema.required.map(String);
  return out;
}

function retrieveParams(spec: Json, parameters: unknown): ObjectSchema {
  const properties: Record<string, ParamSchema> = {};
  for (const parameter of Array.isArray(parameters) ? parameters.filter(isObject) : []) {
    if (parameter.in === 'query' && typeof parameter.name === 'string' && isObject(parameter.schema)) {
      properties[parameter.name] = reduceSchema(spec, parameter.schema);
    }
  }
  return { type: 'object', properties };
}

/** Stripe reports its internal `*_exposed_id` path names as plain `id`. */
const publicParamName = (name: string): string => (name.endsWith('_exposed_id') ? 'id' : name);

export function reduceSpec(spec: Json, fixtures: Json): SpecSubset {
  const info = at(spec, ['info']);
  const resources = {} as Record<ResourceKind, ResourceSpec>;
  for (const [kind, { path, retrievePath }] of Object.entries(RESOURCES) as [
    ResourceKind,
    typeof RESOURCES.product,
  ][]) {
    const create = at(spec, [
      'paths',
      path,
      'post',
      'requestBody',
      'content',
      'application/x-www-form-urlencoded',
      'schema',
    ]);
    const reduced = reduceSchema(spec, create);
    if (!('type' in reduced) || reduced.type !== 'object') throw new Error(`${path}: create body is not an object`);
    const retrieve = at(spec, ['paths', retrievePath, 'get']);
    const param = /\{([^}]+)\}$/.exec(retrievePath)?.[1] ?? 'id';
    resources[kind] = {
      path,
      retrieveParam: publicParamName(param),
      createParams: reduced,
      retrieveParams: retrieveParams(spec, retrieve.parameters),
      fixture: at(fixtures, ['resources', kind]),
    };
  }
  return { apiVersion: String(info.version), resources };
}
