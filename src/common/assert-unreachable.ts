// Pure: the default of an exhaustive switch; a case left out does not compile.
export function assertUnreachable(value: never): never {
  throw new Error(`unhandled case: ${JSON.stringify(value)}`);
}
