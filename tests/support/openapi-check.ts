// Checks real API responses against the OpenAPI document, with a JSON Schema
// validator for the subset the document uses: $ref (to #/components/...),
// type (one or several, "null" included), properties, required, items, enum,
// additionalProperties (false or a schema), formats date-time and date,
// minLength/maxLength, minimum/maximum. Anything else is an error, so the
// document cannot quietly grow constructs this check ignores.

type Schema = Record<string, unknown>;
type Doc = Record<string, unknown>;

const ANNOTATIONS = new Set(["description", "title", "examples", "example", "deprecated", "readOnly", "writeOnly"]);
const ASSERTIONS = new Set([
  "$ref",
  "type",
  "properties",
  "required",
  "items",
  "enum",
  "additionalProperties",
  "format",
  "minLength",
  "maxLength",
  "minimum",
  "maximum",
]);

const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function resolveRef(doc: Doc, ref: string): Schema {
  if (!ref.startsWith("#/")) throw new Error(`unsupported $ref ${ref}`);
  let node: unknown = doc;
  for (const part of ref.slice(2).split("/")) {
    node = (node as Record<string, unknown> | undefined)?.[part.replace(/~1/g, "/").replace(/~0/g, "~")];
  }
  if (!node || typeof node !== "object") throw new Error(`$ref ${ref} does not resolve`);
  return node as Schema;
}

function typeOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  return typeof value;
}

function typeMatches(expected: string, value: unknown) {
  const actual = typeOf(value);
  return expected === actual || (expected === "number" && actual === "integer");
}

/** Every way `value` breaks `schema` (empty: it conforms). */
export function validate(doc: Doc, schema: Schema, value: unknown, at = "$"): string[] {
  for (const key of Object.keys(schema)) {
    if (!ASSERTIONS.has(key) && !ANNOTATIONS.has(key)) throw new Error(`${at}: schema keyword "${key}" is not supported by openapi-check`);
  }
  if (typeof schema.$ref === "string") {
    if (Object.keys(schema).some((k) => k !== "$ref" && !ANNOTATIONS.has(k))) throw new Error(`${at}: $ref with siblings is not supported`);
    return validate(doc, resolveRef(doc, schema.$ref), value, at);
  }
  const errors: string[] = [];
  if (schema.type !== undefined) {
    const types = Array.isArray(schema.type) ? (schema.type as string[]) : [schema.type as string];
    if (!types.some((t) => typeMatches(t, value))) return [`${at}: expected ${types.join(" or ")}, got ${typeOf(value)}`];
  }
  if (Array.isArray(schema.enum) && !schema.enum.some((e) => e === value))
    errors.push(`${at}: ${JSON.stringify(value)} is not one of ${JSON.stringify(schema.enum)}`);
  if (typeof value === "string") {
    if (schema.format === "date-time" && (!DATE_TIME.test(value) || Number.isNaN(Date.parse(value))))
      errors.push(`${at}: "${value}" is not a date-time`);
    if (schema.format === "date" && (!DATE.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`))))
      errors.push(`${at}: "${value}" is not a date`);
    if (typeof schema.minLength === "number" && [...value].length < schema.minLength)
      errors.push(`${at}: shorter than ${schema.minLength}`);
    if (typeof schema.maxLength === "number" && [...value].length > schema.maxLength) errors.push(`${at}: longer than ${schema.maxLength}`);
  }
  if (typeof value === "number") {
    if (typeof schema.minimum === "number" && value < schema.minimum) errors.push(`${at}: below ${schema.minimum}`);
    if (typeof schema.maximum === "number" && value > schema.maximum) errors.push(`${at}: above ${schema.maximum}`);
  }
  if (Array.isArray(value) && schema.items) {
    value.forEach((item, i) => errors.push(...validate(doc, schema.items as Schema, item, `${at}[${i}]`)));
  }
  if (value && typeof value === "object" && !Array.isArray(value)) {
    const obj = value as Record<string, unknown>;
    const properties = (schema.properties ?? {}) as Record<string, Schema>;
    for (const name of (schema.required ?? []) as string[]) {
      if (!(name in obj)) errors.push(`${at}: missing required "${name}"`);
    }
    for (const [name, v] of Object.entries(obj)) {
      if (properties[name]) errors.push(...validate(doc, properties[name], v, `${at}.${name}`));
      else if (schema.additionalProperties === false) errors.push(`${at}: unexpected property "${name}"`);
      else if (schema.additionalProperties && typeof schema.additionalProperties === "object") {
        errors.push(...validate(doc, schema.additionalProperties as Schema, v, `${at}.${name}`));
      }
    }
  }
  return errors;
}

/** The schema of a documented response (path as templated in the document, e.g. /api/v1/assignments/{id}). */
export function responseSchema(doc: Doc, path: string, method: string, status: number): Schema {
  const paths = doc.paths as Record<string, Record<string, Schema>>;
  const operation = paths[path]?.[method.toLowerCase()];
  if (!operation) throw new Error(`${method} ${path} is not in the OpenAPI document`);
  const responses = operation.responses as Record<string, Schema>;
  let response = responses[String(status)] ?? responses.default;
  if (!response) throw new Error(`${method} ${path} does not document status ${status}`);
  if (typeof response.$ref === "string") response = resolveRef(doc, response.$ref);
  const content = response.content as Record<string, { schema: Schema }> | undefined;
  const schema = content?.["application/json"]?.schema;
  if (!schema) throw new Error(`${method} ${path} ${status} documents no application/json body`);
  return schema;
}

/** Throws with every mismatch when `body` is not what the document promises for this answer. */
export function assertDocumented(doc: Doc, path: string, method: string, status: number, body: unknown) {
  const errors = validate(doc, responseSchema(doc, path, method, status), body);
  if (errors.length)
    throw new Error(
      `${method} ${path} ${status} does not match the OpenAPI document:\n  ${errors.join("\n  ")}\nbody: ${JSON.stringify(body)}`,
    );
}
