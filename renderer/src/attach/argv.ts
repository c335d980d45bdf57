/**
 * The Attach panel's command line, split into argv the way a POSIX shell splits a simple one, because the lab
 * starts the command without a shell (the `attach` command takes argv: no shell means no quoting bugs and no
 * injection). Handled: blanks between arguments, 'single quotes' (all literal), "double quotes" (where a
 * backslash escapes only " \ $ ` and a newline), and a backslash outside quotes (escapes any character; before a
 * newline it joins the lines). Nothing else a shell does happens: no $VARIABLES, globs, ~, pipes, redirections or
 * `&&`; such characters reach the program as they are, and the result names the shell operators it saw so the
 * panel can say so. Pure, so every rule is tested without a browser.
 */

export type SplitResult =
  | {
      ok: true;
      argv: string[];
      /** Unquoted words a shell would have read as operators (`|`, `&&`, `>`...): here they are plain arguments. */
      shellOperators: string[];
    }
  | { ok: false; error: string };

/** Words a shell treats as operators when they stand unquoted; the lab passes them on as arguments. */
const SHELL_OPERATORS: ReadonlySet<string> = new Set(['|', '||', '&', '&&', ';', '>', '>>', '<', '2>', '2>&1', '|&']);

/** Inside double quotes a backslash escapes only these (POSIX); before anything else it stays a backslash. */
const ESCAPED_IN_DOUBLE = new Set(['"', '\\', '$', '`', '\n']);

const isBlank = (c: string): boolean => c === ' ' || c === '\t' || c === '\n' || c === '\r';

export function splitCommandLine(line: string): SplitResult {
  const argv: string[] = [];
  const shellOperators: string[] = [];
  let word = '';
  // A word exists once any of it was read, even an empty one (`''` is an empty argument, not none).
  let inWord = false;
  // Quoted text never counts as an operator: `'|'` is a deliberate argument.
  let quoted = false;
  const endWord = () => {
    if (!inWord) return;
    argv.push(word);
    if (!quoted && SHELL_OPERATORS.has(word)) shellOperators.push(word);
    word = '';
    inWord = false;
    quoted = false;
  };

  let i = 0;
  while (i < line.length) {
    const c = line[i]!;
    if (isBlank(c)) {
      endWord();
      i += 1;
    } else if (c === "'") {
      const close = line.indexOf("'", i + 1);
      if (close < 0) return { ok: false, error: `a single quote at character ${i + 1} is never closed` };
      word += line.slice(i + 1, close);
      inWord = true;
      quoted = true;
      i = close + 1;
    } else if (c === '"') {
      const start = i;
      i += 1;
      for (;;) {
        if (i >= line.length) return { ok: false, error: `a double quote at character ${start + 1} is never closed` };
        const d = line[i]!;
        if (d === '"') break;
        if (d === '\\' && i + 1 < line.length && ESCAPED_IN_DOUBLE.has(line[i + 1]!)) {
          // A backslash-newline inside double quotes joins the lines, as outside them.
          if (line[i + 1] !== '\n') word += line[i + 1];
          i += 2;
        } else {
          word += d;
          i += 1;
        }
      }
      inWord = true;
      quoted = true;
      i += 1;
    } else if (c === '\\') {
      if (i + 1 >= line.length) return { ok: false, error: 'the line ends with a backslash that escapes nothing' };
      const next = line[i + 1]!;
      if (next !== '\n') {
        word += next;
        inWord = true;
        quoted = true;
      }
      i += 2;
    } else {
      word += c;
      inWord = true;
      i += 1;
    }
  }
  endWord();
  if (argv.length === 0) return { ok: false, error: 'type the command that starts your app, e.g. node server.js' };
  return { ok: true, argv, shellOperators };
}

/** Characters that make an argument need quotes to read back as one. */
const NEEDS_QUOTES = /[\s'"\\$`|&;<>(){}*?#~]/;

/**
 * argv as one line a user can read and paste back into the field: plain words as they are, the others in single
 * quotes (a single quote inside written as '\''). `splitCommandLine(joinCommandLine(argv))` gives `argv` back.
 */
export function joinCommandLine(argv: readonly string[]): string {
  return argv.map((arg) => (arg !== '' && !NEEDS_QUOTES.test(arg) ? arg : `'${arg.replaceAll("'", `'\\''`)}'`)).join(' ');
}

/** `NAME=value`: what a shell reads as a variable's assignment at the start of a command. */
const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*=/;

/**
 * The `NAME=value` words at the front of argv. A shell would set them in the program's environment; without one,
 * the first of them is taken for the program's name and is not found. The panel says to put `env` first, the
 * program that sets them (`env PORT=3000 node server.js`).
 */
export function leadingAssignments(argv: readonly string[]): string[] {
  const words: string[] = [];
  for (const word of argv) {
    if (!ASSIGNMENT.test(word)) break;
    words.push(word);
  }
  return words;
}
