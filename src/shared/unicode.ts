/**
 * Text that is not valid Unicode — a lone UTF-16 surrogate, which JSON's
 * `\ud800` escape can carry — cannot be stored as UTF-8: SQLite would keep
 * bytes other SQLite clients (and exports, and backups read elsewhere)
 * cannot read. The API refuses such input at the boundary (VALIDATION);
 * nothing is replaced silently.
 */

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export const isWellFormedText = (text: string): boolean => !LONE_SURROGATE.test(text);

/**
 * The path (`lines.0.note`, or `''` for the value itself) of the first
 * string — value or object key — that is not valid Unicode; null when all
 * are. Iterative, so a deeply nested body cannot exhaust the stack.
 */
export function invalidTextPath(value: unknown): string | null {
  const stack: { value: unknown; path: string }[] = [{ value, path: '' }];
  while (stack.length > 0) {
    const { value: v, path } = stack.pop()!;
    if (typeof v === 'string') {
      if (!isWellFormedText(v)) return path;
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push({ value: v[i], path: path ? `${path}.${i}` : String(i) });
    } else if (v !== null && typeof v === 'object') {
      for (const [key, inner] of Object.entries(v)) {
        const at = path ? `${path}.${key}` : key;
        if (!isWellFormedText(key)) return at;
        stack.push({ value: inner, path: at });
      }
    }
  }
  return null;
}
