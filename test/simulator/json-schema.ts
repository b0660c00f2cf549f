/**
 * A small validator for the JSON-schema dialect used by GitHub's OpenAPI 3.0 descriptions.
 *
 * Supported keywords: type (string or array), nullable, enum, const, properties, required,
 * additionalProperties, items, minItems, maxItems, uniqueItems, minLength, maxLength, pattern,
 * minimum, maximum, exclusiveMinimum, exclusiveMaximum, multipleOf, oneOf, anyOf, allOf, not and
 * format "date-time". `oneOf` is checked with `anyOf` semantics (at least one branch must match),
 * because several of GitHub's `oneOf`s have overlapping branches that real GitHub accepts.
 */

export interface JsonSchema {
  type?: string | string[];
  nullable?: boolean;
  enum?: unknown[];
  const?: unknown;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  uniqueItems?: boolean;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number | boolean;
  exclusiveMaximum?: number | boolean;
  multipleOf?: number;
  oneOf?: JsonSchema[];
  anyOf?: JsonSchema[];
  allOf?: JsonSchema[];
  not?: JsonSchema;
  format?: string;
  default?: unknown;
}

/** Keywords kept when an OpenAPI schema is slimmed for the on-disk index. */
const KEEP = new Set([
  "type",
  "nullable",
  "enum",
  "const",
  "required",
  "minItems",
  "maxItems",
  "uniqueItems",
  "minLength",
  "maxLength",
  "pattern",
  "minimum",
  "maximum",
  "exclusiveMinimum",
  "exclusiveMaximum",
  "multipleOf",
  "format",
  "default",
]);

/** Drops descriptions, examples and vendor extensions; keeps only what validation needs. */
export function slimSchema(input: unknown): JsonSchema {
  if (!input || typeof input !== "object" || Array.isArray(input)) return {};
  const src = input as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(src)) {
    if (KEEP.has(key)) {
      if (key === "format" && value !== "date-time") continue;
      out[key] = value;
    } else if (key === "properties" && value && typeof value === "object") {
      const props: Record<string, JsonSchema> = {};
      for (const [name, sub] of Object.entries(value as Record<string, unknown>))
        props[name] = slimSchema(sub);
      out.properties = props;
    } else if (key === "items" || key === "not") {
      out[key] = slimSchema(value);
    } else if (key === "additionalProperties") {
      out[key] = typeof value === "boolean" ? value : slimSchema(value);
    } else if ((key === "oneOf" || key === "anyOf" || key === "allOf") && Array.isArray(value)) {
      out[key] = value.map(slimSchema);
    }
  }
  return out as JsonSchema;
}

const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i;

function typeOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  return typeof value;
}

function describe(value: unknown): string {
  const text = JSON.stringify(value);
  if (text === undefined) return String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

function typeMatches(type: string, value: unknown): boolean {
  const actual = typeOf(value);
  if (type === "number") return actual === "number" || actual === "integer";
  return actual === type;
}

function deepEqual(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Validates `value` against `schema`. Returns human-readable error messages, each prefixed with the
 * JSON path of the offending value (e.g. `body.labels: expected array, got string "x"`).
 */
export function validate(schema: JsonSchema, value: unknown, path = "body", errors: string[] = []): string[] {
  if (value === null && (schema.nullable || schema.type === "null")) return errors;
  if (value === null && Array.isArray(schema.type) && schema.type.includes("null")) return errors;

  if (schema.allOf) for (const sub of schema.allOf) validate(sub, value, path, errors);

  for (const key of ["oneOf", "anyOf"] as const) {
    const branches = schema[key];
    if (!branches || branches.length === 0) continue;
    if (value === null && schema.nullable) continue;
    const branchErrors = branches.map((sub) => validate(sub, value, path, []));
    if (!branchErrors.some((e) => e.length === 0)) {
      const hints = branchErrors.map((e) => e[0]).filter((e): e is string => Boolean(e));
      errors.push(
        `${path}: ${describe(value)} does not match any allowed schema (${[...new Set(hints)].join(" | ")})`,
      );
    }
  }

  if (schema.not && validate(schema.not, value, path, []).length === 0) {
    errors.push(`${path}: ${describe(value)} matches a schema it must not match`);
  }

  if (schema.type !== undefined) {
    const types = Array.isArray(schema.type) ? schema.type : [schema.type];
    if (!types.some((t) => typeMatches(t, value))) {
      errors.push(`${path}: expected ${types.join(" or ")}, got ${typeOf(value)} ${describe(value)}`);
      return errors;
    }
  } else if (value === null && !schema.oneOf && !schema.anyOf && !schema.allOf && schema.enum === undefined) {
    // An untyped schema accepts anything, including null.
    return errors;
  }

  if (schema.enum && !schema.enum.some((allowed) => deepEqual(allowed, value))) {
    if (!(value === null && schema.nullable)) {
      errors.push(`${path}: ${describe(value)} is not one of ${describe(schema.enum)}`);
    }
  }
  if (schema.const !== undefined && !deepEqual(schema.const, value)) {
    errors.push(`${path}: must be ${describe(schema.const)}`);
  }

  if (typeof value === "string") {
    if (schema.minLength !== undefined && value.length < schema.minLength) {
      errors.push(`${path}: must be at least ${schema.minLength} characters`);
    }
    if (schema.maxLength !== undefined && value.length > schema.maxLength) {
      errors.push(`${path}: must be at most ${schema.maxLength} characters`);
    }
    if (schema.pattern !== undefined) {
      let re: RegExp | undefined;
      try {
        re = new RegExp(schema.pattern, "u");
      } catch {
        re = undefined;
      }
      if (re && !re.test(value))
        errors.push(`${path}: ${describe(value)} does not match /${schema.pattern}/`);
    }
    if (schema.format === "date-time" && !DATE_TIME.test(value)) {
      errors.push(`${path}: ${describe(value)} is not an ISO 8601 date-time (YYYY-MM-DDTHH:MM:SSZ)`);
    }
  }

  if (typeof value === "number") {
    if (schema.minimum !== undefined && value < schema.minimum)
      errors.push(`${path}: must be >= ${schema.minimum}`);
    if (schema.maximum !== undefined && value > schema.maximum)
      errors.push(`${path}: must be <= ${schema.maximum}`);
    if (typeof schema.exclusiveMinimum === "number" && value <= schema.exclusiveMinimum) {
      errors.push(`${path}: must be > ${schema.exclusiveMinimum}`);
    }
    if (typeof schema.exclusiveMaximum === "number" && value >= schema.exclusiveMaximum) {
      errors.push(`${path}: must be < ${schema.exclusiveMaximum}`);
    }
    if (schema.multipleOf !== undefined && value % schema.multipleOf !== 0) {
      errors.push(`${path}: must be a multiple of ${schema.multipleOf}`);
    }
  }

  if (Array.isArray(value)) {
    if (schema.minItems !== undefined && value.length < schema.minItems) {
      errors.push(`${path}: must have at least ${schema.minItems} items, got ${value.length}`);
    }
    if (schema.maxItems !== undefined && value.length > schema.maxItems) {
      errors.push(`${path}: must have at most ${schema.maxItems} items, got ${value.length}`);
    }
    if (schema.uniqueItems && new Set(value.map((v) => JSON.stringify(v))).size !== value.length) {
      errors.push(`${path}: items must be unique`);
    }
    if (schema.items) {
      const items = schema.items;
      value.forEach((item, i) => {
        validate(items, item, `${path}[${i}]`, errors);
      });
    }
  }

  if (value !== null && typeof value === "object" && !Array.isArray(value)) {
    const obj = value as Record<string, unknown>;
    for (const name of schema.required ?? []) {
      if (!(name in obj) || obj[name] === undefined)
        errors.push(`${path}: missing required property "${name}"`);
    }
    const props = schema.properties ?? {};
    for (const [name, sub] of Object.entries(props)) {
      if (name in obj && obj[name] !== undefined) validate(sub, obj[name], `${path}.${name}`, errors);
    }
    const extra = schema.additionalProperties;
    if (extra !== undefined && extra !== true) {
      for (const [name, item] of Object.entries(obj)) {
        if (name in props) continue;
        if (extra === false) errors.push(`${path}: unexpected property "${name}"`);
        else validate(extra, item, `${path}.${name}`, errors);
      }
    }
  }
  return errors;
}

/** Property names a schema (and its allOf/oneOf/anyOf branches) declares at the top level. */
export function declaredProperties(schema: JsonSchema): Set<string> | null {
  const names = new Set<string>();
  let open = false;
  const visit = (s: JsonSchema) => {
    if (s.properties) for (const name of Object.keys(s.properties)) names.add(name);
    if (s.additionalProperties !== undefined && s.additionalProperties !== false) open = true;
    for (const sub of [...(s.allOf ?? []), ...(s.oneOf ?? []), ...(s.anyOf ?? [])]) {
      if (sub.type === undefined || sub.type === "object" || sub.properties) visit(sub);
    }
  };
  visit(schema);
  return open || names.size === 0 ? null : names;
}
