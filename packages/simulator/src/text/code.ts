import type { Rng } from '../random.ts';
import { templates, type Family, type ProductText, type Slots } from './family.ts';

/** A small function a coding assistant is asked about, in two languages. */
interface Snippet {
  fn: string;
  py: string;
  does: string;
  example: string;
  ts: string;
  python: string;
  /** A plausible bug: `[from, to]` replaced once in the correct code. */
  bug: readonly [string, string];
  error: string;
}

const SNIPPETS: readonly Snippet[] = [
  {
    fn: 'isPalindrome',
    py: 'is_palindrome',
    does: 'checks whether a string is a palindrome',
    example: '"Racecar"',
    ts: `export function isPalindrome(text: string): boolean {
  const clean = text.toLowerCase().replace(/[^a-z0-9]/g, '');
  for (let i = 0, j = clean.length - 1; i < j; i++, j--) {
    if (clean[i] !== clean[j]) return false;
  }
  return true;
}`,
    python: `def is_palindrome(text: str) -> bool:
    clean = "".join(ch for ch in text.lower() if ch.isalnum())
    return clean == clean[::-1]`,
    bug: ['i < j', 'i <= j + 1'],
    error: "TypeError: Cannot read properties of undefined (reading 'toLowerCase')",
  },
  {
    fn: 'dedupe',
    py: 'dedupe',
    does: 'removes duplicates from an array while keeping the order',
    example: '[3, 1, 3, 2, 1]',
    ts: `export function dedupe<T>(items: readonly T[]): T[] {
  const seen = new Set<T>();
  const out: T[] = [];
  for (const item of items) {
    if (seen.has(item)) continue;
    seen.add(item);
    out.push(item);
  }
  return out;
}`,
    python: `def dedupe(items):
    seen = set()
    out = []
    for item in items:
        if item in seen:
            continue
        seen.add(item)
        out.append(item)
    return out`,
    bug: ['continue', 'break'],
    error: 'it drops every item after the first duplicate',
  },
  {
    fn: 'median',
    py: 'median',
    does: 'computes the median of a list of numbers',
    example: '[5, 1, 4, 2]',
    ts: `export function median(values: readonly number[]): number {
  if (values.length === 0) throw new RangeError('median of an empty list');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 0 ? (sorted[mid - 1]! + sorted[mid]!) / 2 : sorted[mid]!;
}`,
    python: `def median(values):
    if not values:
        raise ValueError("median of an empty list")
    ordered = sorted(values)
    mid = len(ordered) // 2
    if len(ordered) % 2 == 0:
        return (ordered[mid - 1] + ordered[mid]) / 2
    return ordered[mid]`,
    bug: ['(a, b) => a - b', ''],
    error: 'it returns 4 for [10, 9, 2] because the sort is lexicographic',
  },
  {
    fn: 'chunk',
    py: 'chunk',
    does: 'splits an array into chunks of size n',
    example: '[1, 2, 3, 4, 5], 2',
    ts: `export function chunk<T>(items: readonly T[], size: number): T[][] {
  if (size < 1) throw new RangeError('size must be at least 1');
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) {
    out.push(items.slice(i, i + size));
  }
  return out;
}`,
    python: `def chunk(items, size):
    if size < 1:
        raise ValueError("size must be at least 1")
    return [items[i:i + size] for i in range(0, len(items), size)]`,
    bug: ['i += size', 'i += size + 1'],
    error: 'it skips elements between chunks',
  },
  {
    fn: 'groupBy',
    py: 'group_by',
    does: 'groups items by a key function',
    example: '["apple", "avocado", "banana"], (s) => s[0]',
    ts: `export function groupBy<T, K extends PropertyKey>(items: readonly T[], key: (item: T) => K): Record<K, T[]> {
  const groups = {} as Record<K, T[]>;
  for (const item of items) {
    const k = key(item);
    (groups[k] ??= []).push(item);
  }
  return groups;
}`,
    python: `from collections import defaultdict

def group_by(items, key):
    groups = defaultdict(list)
    for item in items:
        groups[key(item)].append(item)
    return dict(groups)`,
    bug: ['(groups[k] ??= []).push(item);', 'groups[k] = [item];'],
    error: 'each group only keeps the last item',
  },
  {
    fn: 'retry',
    py: 'retry',
    does: 'retries a failing async call with exponential backoff',
    example: '() => fetch(url), 3',
    ts: `export async function retry<T>(call: () => Promise<T>, attempts = 3, baseMs = 200): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      if (attempt + 1 >= attempts) throw error;
      await new Promise((r) => setTimeout(r, baseMs * 2 ** attempt));
    }
  }
}`,
    python: `import asyncio

async def retry(call, attempts=3, base=0.2):
    for attempt in range(attempts):
        try:
            return await call()
        except Exception:
            if attempt + 1 >= attempts:
                raise
            await asyncio.sleep(base * 2 ** attempt)`,
    bug: ['return await call();', 'return call();'],
    error: 'UnhandledPromiseRejection: the error escapes the try block',
  },
  {
    fn: 'wordCounts',
    py: 'word_counts',
    does: 'counts how often each word appears in a text',
    example: '"the cat and the hat"',
    ts: `export function wordCounts(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const word of text.toLowerCase().match(/[a-z']+/g) ?? []) {
    counts.set(word, (counts.get(word) ?? 0) + 1);
  }
  return counts;
}`,
    python: `import re
from collections import Counter

def word_counts(text):
    return Counter(re.findall(r"[a-z']+", text.lower()))`,
    bug: ['(counts.get(word) ?? 0) + 1', '1'],
    error: 'every count is 1',
  },
  {
    fn: 'isValidEmail',
    py: 'is_valid_email',
    does: 'validates an email address',
    example: '"ada@example.com"',
    ts: `const EMAIL = /^[^\\s@]+@[^\\s@]+\\.[^\\s@]{2,}$/;

export function isValidEmail(address: string): boolean {
  return address.length <= 254 && EMAIL.test(address.trim());
}`,
    python: `import re

EMAIL = re.compile(r"^[^\\s@]+@[^\\s@]+\\.[^\\s@]{2,}$")

def is_valid_email(address):
    return len(address) <= 254 and EMAIL.match(address.strip()) is not None`,
    bug: ['{2,}', '*'],
    error: 'it accepts "ada@example."',
  },
  {
    fn: 'debounce',
    py: 'debounce',
    does: 'debounces a function so it runs once after calls stop',
    example: 'save, 300',
    ts: `export function debounce<A extends unknown[]>(fn: (...args: A) => void, waitMs: number): (...args: A) => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return (...args: A) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), waitMs);
  };
}`,
    python: `import threading

def debounce(wait):
    def decorator(fn):
        timer = None
        def debounced(*args, **kwargs):
            nonlocal timer
            if timer is not None:
                timer.cancel()
            timer = threading.Timer(wait, lambda: fn(*args, **kwargs))
            timer.start()
        return debounced
    return decorator`,
    bug: ['clearTimeout(timer);', ''],
    error: 'the function still runs on every keystroke',
  },
];

const LANGS = ['TypeScript', 'Python'] as const;
const FRAMEWORKS = { TypeScript: 'Vitest', Python: 'pytest' } as const;

function drawCode(rng: Rng): Slots {
  const s = rng.pick(SNIPPETS);
  const lang = rng.chance(0.6) ? 'TypeScript' : 'Python';
  const other = lang === 'TypeScript' ? 'Python' : 'TypeScript';
  return {
    fn: lang === 'TypeScript' ? s.fn : s.py,
    name: s.fn,
    does: s.does,
    example: s.example,
    error: s.error,
    lang,
    other,
    framework: FRAMEWORKS[lang],
  };
}

function snippetOf(slots: Slots): Snippet {
  return SNIPPETS.find((s) => s.fn === slots.name) ?? (SNIPPETS[0] as Snippet);
}

function fence(lang: string, code: string): string {
  return `\`\`\`${lang === 'TypeScript' ? 'ts' : 'python'}\n${code}\n\`\`\``;
}

/** Code answers: correct when good; when poor, a bug, the wrong language, or talk without code. */
function codeAnswer(rng: Rng, slots: Slots, quality: number, intro: readonly string[]): string {
  const s = snippetOf(slots);
  let lang = slots.lang as string;
  let code = lang === 'TypeScript' ? s.ts : s.python;
  if (quality < 0.5) {
    const flaw = rng.float();
    if (flaw < 0.5) code = code.replace(s.bug[0], s.bug[1]);
    else if (flaw < 0.75) {
      lang = slots.other as string;
      code = lang === 'TypeScript' ? s.ts : s.python;
    } else {
      return `${rng.pick(VAGUE)} ${rng.pick(VAGUE)}`;
    }
  } else if (quality < 0.65 && rng.chance(0.3)) {
    code = code.replace(s.bug[0], s.bug[1]);
  }
  const first = rng
    .pick(intro)
    .replace('{fn}', slots.fn as string)
    .replace('{does}', s.does);
  const after = rng.chance(0.5)
    ? `\n\n${rng
        .pick(AFTER)
        .replace('{example}', s.example)
        .replace('{fn}', slots.fn as string)}`
    : '';
  return `${first}\n\n${fence(lang, code)}${after}`;
}

function testAnswer(rng: Rng, slots: Slots, quality: number): string {
  const s = snippetOf(slots);
  const ts = slots.lang === 'TypeScript';
  const fn = slots.fn as string;
  if (quality < 0.5 && rng.chance(0.5))
    return `${rng.pick(VAGUE)}\n\n${fence(slots.lang as string, ts ? s.ts : s.python)}`;
  const code = ts
    ? `import { describe, expect, it } from 'vitest';
import { ${fn} } from './${fn}';

describe('${fn}', () => {
  it('works on a typical input', () => {
    expect(${fn}(${s.example})).toMatchSnapshot();
  });
${
  quality >= 0.5
    ? `
  it('handles the empty case', () => {
    expect(() => ${fn}([] as never)).not.toThrow(TypeError);
  });
`
    : ''
}});`
    : `from solution import ${fn}

def test_typical_input():
    assert ${fn}(${s.example}) is not None
${
  quality >= 0.5
    ? `
def test_empty_input():
    ${fn}([])
`
    : ''
}`;
  return `Here are ${slots.framework as string} tests for \`${fn}\`.\n\n${fence(slots.lang as string, code)}`;
}

const VAGUE = [
  'There are several ways to approach this depending on your requirements.',
  'You could use a library for this, or write it yourself.',
  'Make sure to handle edge cases and test your code thoroughly.',
  'This depends on the version of the language and your project setup.',
  'Performance considerations may apply for large inputs.',
];
const AFTER = [
  'For example, `{fn}({example})` gives the expected result.',
  'This runs in linear time and does not mutate its input.',
  'Let me know if you want tests for it.',
  'You can drop it into a utils module and import it where needed.',
];

const write: Family = {
  name: 'write',
  draw: drawCode,
  asks: templates([
    'Write a {lang} function that {does}.',
    'I need a {lang} helper that {does}.',
    'Can you implement {fn} in {lang}? It {does}.',
    'Create a function `{fn}` that {does}, in {lang}.',
    'How would I write something in {lang} that {does}?',
    '{lang}: function that {does}',
  ]),
  shorts: templates(['a {lang} function that {does}', '`{fn}` in {lang}', 'code that {does}']),
  details: templates([
    'without external libraries',
    'with type hints',
    'that handles empty input',
    'as a pure function',
    'with a short comment',
  ]),
  answer: (rng, slots, q) =>
    codeAnswer(rng, slots, q, ["Here's `{fn}`:", 'Sure, this {does}:', 'A simple implementation:']),
};

const fix: Family = {
  name: 'fix',
  draw: drawCode,
  asks: templates([
    'Why does `{fn}` fail with {error}?',
    'Fix the bug in {fn}: {error}.',
    '{fn} is broken, {error}. Can you fix it?',
    'Help me debug `{fn}` in {lang}: {error}.',
    'My {lang} {fn} has a bug ({error}).',
  ]),
  shorts: templates(['a fix for {fn}', 'the bug in `{fn}` fixed', 'why {fn} fails']),
  details: templates([
    ', without changing its signature',
    ', and explain the cause',
    'in {lang}',
    ', with a test that shows the fix',
  ]),
  answer: (rng, slots, q) =>
    codeAnswer(rng, slots, q, [
      'The problem is in the loop condition. Fixed version:',
      'Here is `{fn}` with the bug fixed:',
      'The cause is a missing edge case; this version handles it:',
    ]),
};

const tests: Family = {
  name: 'tests',
  draw: drawCode,
  asks: templates([
    'Write unit tests for {fn} using {framework}.',
    'Add {framework} tests covering the edge cases of `{fn}`.',
    'Can you generate tests for {fn}? We use {framework}.',
    'I need test coverage for {fn} ({framework}).',
  ]),
  shorts: templates(['{framework} tests for {fn}', 'tests for `{fn}`']),
  details: templates([
    'including the empty case',
    'with descriptive test names',
    'using {framework}',
    'with one failing case',
  ]),
  answer: testAnswer,
};

const refactor: Family = {
  name: 'refactor',
  draw: drawCode,
  asks: templates([
    'Refactor `{fn}` to be more readable.',
    'Can you simplify {fn}? It is hard to follow.',
    'Clean up this {lang} function: {fn}.',
    'Make {fn} more idiomatic {lang}.',
  ]),
  shorts: templates(['a cleaner {fn}', '{fn} refactored', 'idiomatic {lang} for {fn}']),
  details: templates([
    'without changing behaviour',
    'keeping the same signature',
    'with early returns',
    'in {lang}',
  ]),
  answer: (rng, slots, q) =>
    codeAnswer(rng, slots, q, [
      'A more readable version of `{fn}`:',
      'Refactored `{fn}`:',
      'Here is a cleaner take; it {does}:',
    ]),
};

export const CODE_TEXT: ProductText = {
  product: 'code',
  families: [write, fix, tests, refactor],
  buildsOn: templates([
    'Now add unit tests for it.',
    'Great, can you also handle the empty input case?',
    'Thanks. Now make it async.',
    'Can you add doc comments to that?',
    'Looks good. Now add type annotations.',
    'Nice. Can you make it faster for large inputs?',
    'Works! Can you also write the {other} version?',
  ]),
  corrections: templates([
    'No, I meant {short}, not this.',
    "That doesn't work: {error}. I need {short}.",
    'Wrong language. I asked for {short}.',
    'No, it should be {short} {detail}.',
    'Still broken. Please give me {short} {detail}.',
    "Actually I meant {short}; that's not what I asked for.",
  ]),
  userWords: [
    '// TODO: handle errors',
    'const',
    'value',
    'result',
    'input',
    '// checked',
    'readonly',
    'await',
  ],
  comments: {
    up: ['Works, thanks!', 'Perfect, tests pass.', 'Clean solution.'],
    down: ["Doesn't compile.", 'Wrong language.', 'This has a bug.', 'Not what I asked for.'],
  },
  acks: ['Sure, updated:', 'Done. Here is the new version:', 'Good call.', 'Here you go:'],
  system: [
    'You are a coding assistant. Reply with working code and a one-line explanation.',
    'You are a senior engineer pairing with the user. Prefer small, idiomatic, tested code.',
    'You are a coding assistant. Always state assumptions, then give complete, runnable code.',
  ],
};

export { LANGS };
