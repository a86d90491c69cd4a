/** UTF-8 length of a string: request budgets are in bytes, not characters. */
export function utf8Length(s: string): number {
  return new TextEncoder().encode(s).length;
}
