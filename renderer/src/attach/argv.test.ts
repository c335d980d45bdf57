import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { joinCommandLine, leadingAssignments, splitCommandLine } from './argv';

const argvOf = (line: string): string[] => {
  const result = splitCommandLine(line);
  if (!result.ok) throw new Error(result.error);
  return result.argv;
};

describe('splitCommandLine', () => {
  it('splits on blanks, any number of them', () => {
    expect(argvOf('node server.js')).toEqual(['node', 'server.js']);
    expect(argvOf('  node \t  --port  3000  ')).toEqual(['node', '--port', '3000']);
  });

  it('keeps single-quoted text as it is, backslashes and double quotes included', () => {
    expect(argvOf(`node -e 'console.log("hi \\n")'`)).toEqual(['node', '-e', 'console.log("hi \\n")']);
  });

  it('in double quotes, a backslash escapes only " \\ $ and `', () => {
    expect(argvOf(`node "my app.js" "say \\"hi\\"" "C:\\temp" "\\$HOME"`)).toEqual(['node', 'my app.js', 'say "hi"', 'C:\\temp', '$HOME']);
  });

  it('outside quotes, a backslash escapes the next character, and joins lines before a newline', () => {
    expect(argvOf('node my\\ app.js \\"x\\"')).toEqual(['node', 'my app.js', '"x"']);
    expect(argvOf('node \\\n  server.js')).toEqual(['node', 'server.js']);
  });

  it('glues quoted and unquoted parts of one word, and keeps an empty quoted argument', () => {
    expect(argvOf(`node --name='a b'"c" ''`)).toEqual(['node', '--name=a bc', '']);
  });

  it('does nothing a shell would: variables, globs and ~ reach the program as typed', () => {
    expect(argvOf('node $APP *.js ~/x')).toEqual(['node', '$APP', '*.js', '~/x']);
  });

  it('names the unquoted shell operators it passed on as arguments, and not the quoted ones', () => {
    const result = splitCommandLine(`node a.js | grep x && echo '|' \\;`);
    expect(result).toEqual({ ok: true, argv: ['node', 'a.js', '|', 'grep', 'x', '&&', 'echo', '|', ';'], shellOperators: ['|', '&&'] });
  });

  it('says what is wrong with a line it cannot split, and where', () => {
    expect(splitCommandLine(`node -e 'oops`)).toEqual({ ok: false, error: 'a single quote at character 9 is never closed' });
    expect(splitCommandLine('node "a')).toEqual({ ok: false, error: 'a double quote at character 6 is never closed' });
    expect(splitCommandLine('node a\\')).toEqual({ ok: false, error: 'the line ends with a backslash that escapes nothing' });
    expect(splitCommandLine('   ')).toEqual({ ok: false, error: 'type the command that starts your app, e.g. node server.js' });
  });
});

describe('joinCommandLine', () => {
  it('quotes only the arguments that need it', () => {
    expect(joinCommandLine(['node', 'server.js', '--port', '3000'])).toBe('node server.js --port 3000');
    expect(joinCommandLine(['node', 'my app.js', "it's", ''])).toBe(`node 'my app.js' 'it'\\''s' ''`);
  });

  it('reads back as the same argv, whatever the arguments', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: fc.constantFrom('a', ' ', "'", '"', '\\', '$', '\n', '|', 'é', '-') }), { minLength: 1, maxLength: 6 }), (argv) => {
        expect(argvOf(joinCommandLine(argv))).toEqual(argv);
      }),
    );
  });

  it('finds the NAME=value words a shell would set in the environment, at the front only', () => {
    expect(leadingAssignments(['PORT=3000', 'DEBUG=x', 'node', 'server.js', 'A=b'])).toEqual(['PORT=3000', 'DEBUG=x']);
    expect(leadingAssignments(['env', 'PORT=3000', 'node', 'server.js'])).toEqual([]);
    expect(leadingAssignments(['node', '--port=3000'])).toEqual([]);
    expect(leadingAssignments(['=x', 'node'])).toEqual([]);
  });
});
