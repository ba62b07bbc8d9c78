import type { z } from 'zod';

type Path = ReadonlyArray<PropertyKey>;

/** `criteria[2].match.range.min` */
export function formatPath(path: Path): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out || '(top level)';
}

function valueAt(root: unknown, path: Path): unknown {
  let node = root;
  for (const key of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<PropertyKey, unknown>)[key];
  }
  return node;
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return `a list of ${value.length}`;
  if (typeof value === 'object') return 'an object';
  const text = JSON.stringify(value);
  return `${text.length > 60 ? `${text.slice(0, 57)}...` : text} (${typeof value})`;
}

/** One line per issue: where it is, what was expected, what was found. */
export function formatIssues(source: string, issues: z.core.$ZodIssue[], input: unknown): string {
  return issues
    .map((issue) => {
      const found = valueAt(input, issue.path);
      switch (issue.code) {
        case 'unrecognized_keys':
          return issue.keys
            .map((key) => `${source}: ${formatPath([...issue.path, key])}: unknown key "${key}" (check the spelling; unknown keys are not ignored)`)
            .join('\n');
        case 'invalid_type':
          return `${source}: ${formatPath(issue.path)}: expected ${issue.expected}, found ${describe(found)}`;
        case 'invalid_value':
          return `${source}: ${formatPath(issue.path)}: expected one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}, found ${describe(found)}`;
        default:
          return `${source}: ${formatPath(issue.path)}: ${issue.message}, found ${describe(found)}`;
      }
    })
    .join('\n');
}
