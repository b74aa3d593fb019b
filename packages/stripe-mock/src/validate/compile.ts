import { errors, StripeMockError } from '../errors.ts';
import type { FormTree, FormValue } from '../form.ts';
import type { ObjectSchema, ParamSchema, StringSchema } from './schema.ts';
import { suggestName } from './suggest.ts';

/**
 * Checks one decoded form value against its schema and returns it typed (integers as numbers,
 * "true"/"false" as booleans, index maps as arrays), or `undefined` for "unset" (an empty string).
 * Throws a StripeMockError naming the offending param. Built once per schema, at start-up.
 */
export type Validator = (raw: FormValue, param: string) => unknown;

export type Params = Record<string, unknown>;

const childParam = (param: string, key: string): string => (param === '' ? key : `${param}[${key}]`);

const INTEGER = /^-?\d+$/;
const DECIMAL = /^-?\d+(\.\d+)?$/;

export function compile(schema: ParamSchema): Validator {
  if ('anyOf' in schema) return compileAnyOf(schema.anyOf);
  switch (schema.type) {
    case 'string':
      return compileString(schema);
    case 'integer':
      return (raw, param) => {
        if (raw === '') return undefined;
        if (typeof raw !== 'string' || !INTEGER.test(raw)) throw errors.invalidInteger(param, raw);
        const value = Number(raw);
        if (!Number.isSafeInteger(value)) throw errors.invalidInteger(param, raw);
        return value;
      };
    case 'number':
      return (raw, param) => {
        if (raw === '') return undefined;
        if (typeof raw !== 'string' || !DECIMAL.test(raw)) throw errors.invalidDecimal(param, raw);
        return Number(raw);
      };
    case 'boolean':
      return (raw, param) => {
        if (raw === 'true') return true;
        if (raw === 'false') return false;
        if (raw === '') return undefined;
        throw errors.invalidBoolean(param, raw);
      };
    case 'array':
      return compileArray(compile(schema.items));
    case 'object':
      return compileObject(schema);
  }
}

function compileString(schema: StringSchema): Validator {
  const allowed = schema.enum && !schema.bypassEnum ? new Set(schema.enum) : null;
  const { maxLength, format } = schema;
  return (raw, param) => {
    if (typeof raw !== 'string') throw errors.invalidString(param, raw);
    if (raw === '') return undefined;
    if (allowed && !allowed.has(raw)) throw errors.invalidEnum(param, schema.enum ?? []);
    if (maxLength !== undefined && raw.length > maxLength) throw errors.stringTooLong(param, maxLength);
    if (format === 'decimal' && !DECIMAL.test(raw)) throw errors.invalidDecimal(param, raw);
    return raw;
  };
}

function compileArray(item: Validator): Validator {
  return (raw, param) => {
    if (raw === '') return undefined;
    if (typeof raw === 'string') throw errors.invalidArray(param);
    const indices = Object.keys(raw).map((key) => ({ key, index: INTEGER.test(key) ? Number(key) : -1 }));
    if (indices.some(({ index }) => index < 0)) throw errors.invalidArray(param);
    indices.sort((a, b) => a.index - b.index);
    const out: unknown[] = [];
    for (const { key } of indices) {
      const value = item(raw[key] ?? '', childParam(param, key));
      if (value !== undefined) out.push(value);
    }
    return out;
  };
}

function compileObject(schema: ObjectSchema): Validator {
  if (!schema.properties) return compileMap(compile(schema.additionalProperties ?? { type: 'string' }));
  const properties = new Map(Object.entries(schema.properties).map(([name, s]) => [name, compile(s)]));
  const names = [...properties.keys()];
  const required = schema.required ?? [];
  return (raw, param) => {
    if (raw === '') return undefined;
    if (typeof raw === 'string') throw errors.invalidHash(param);
    const out: Params = {};
    for (const key of Object.keys(raw)) {
      const validate = properties.get(key);
      if (!validate) throw errors.unknownParam(childParam(param, key), suggestName(key, names));
      const value = validate(raw[key] ?? '', childParam(param, key));
      if (value !== undefined) out[key] = value;
    }
    for (const name of required) {
      if (out[name] !== undefined) continue;
      throw raw[name] === undefined
        ? errors.missingParam(childParam(param, name))
        : errors.emptyParam(childParam(param, name));
    }
    return out;
  };
}

/** `metadata[key]=value`: any key; an empty value removes that key (Stripe's unset rule). */
function compileMap(value: Validator): Validator {
  return (raw, param) => {
    if (raw === '') return undefined;
    if (typeof raw === 'string') throw errors.invalidHash(param);
    const out: Params = Object.create(null) as Params;
    for (const key of Object.keys(raw)) {
      const checked = value(raw[key] ?? '', childParam(param, key));
      if (checked !== undefined) out[key] = checked;
    }
    return out;
  };
}

/** The first variant that accepts wins; otherwise report the most specific (non-enum) variant's error. */
function compileAnyOf(variants: ParamSchema[]): Validator {
  const compiled = variants.map(compile);
  const reportIndex = Math.max(
    0,
    variants.findIndex((v) => !('enum' in v)),
  );
  return (raw, param) => {
    let report: unknown;
    for (const [index, validate] of compiled.entries()) {
      try {
        return validate(raw, param);
      } catch (error) {
        if (!(error instanceof StripeMockError)) throw error;
        if (index === reportIndex || report === undefined) report = error;
      }
    }
    throw report;
  };
}

/** The validator for a whole request: a FormTree in, typed params out. */
export function compileParams(schema: ObjectSchema): (tree: FormTree) => Params {
  const validate = compileObject(schema);
  return (tree) => (validate(tree, '') as Params | undefined) ?? {};
}
