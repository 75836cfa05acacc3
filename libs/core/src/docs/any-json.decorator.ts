/** Names of response classes whose schema is "any JSON value" (see completeDocument). */
export const ANY_JSON_SCHEMAS = new Set<string>();

/**
 * Marks a response DTO whose body is whatever a third party answered (a deployed tool's result):
 * the document names it, so clients get a `$ref`, and describes it as any JSON value.
 */
export const AnyJson = (): ClassDecorator => (target) => {
  ANY_JSON_SCHEMAS.add(target.name);
};
