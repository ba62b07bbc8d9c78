import { createReadStream, statSync } from 'node:fs';
import { once } from 'node:events';
import type { Readable, Writable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { UsageError } from './usage.error';

/** A file to read (stdin for undefined or "-"); UsageError (exit 2) when it cannot be opened. */
export function openInput(file: string | undefined): Readable {
  if (!file || file === '-') return process.stdin;
  try {
    if (statSync(file).isDirectory()) throw new UsageError(`--input ${file} is a folder, not a file`);
  } catch (err) {
    if (err instanceof UsageError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    throw new UsageError(`cannot read --input ${file}: ${code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : (err as Error).message}`);
  }
  return createReadStream(file, { highWaterMark: 256 * 1024 });
}

const BOM = '\uFEFF';

/** Text without the byte order mark Excel and Windows tools put first. */
export function stripBom(text: string): string {
  return text.startsWith(BOM) ? text.slice(1) : text;
}

/**
 * Lines of a stream in batches (one per chunk read), with the number of the first: one await per
 * chunk rather than per line keeps large inputs fast, and memory stays flat whatever the size.
 */
export async function* readLineBatches(input: Readable): AsyncGenerator<{ lines: string[]; firstLineNo: number }> {
  const decoder = new StringDecoder('utf8');
  let rest = '';
  let lineNo = 1;
  const emit = (text: string) => {
    const lines = text.split('\n');
    rest = lines.pop()!;
    for (let i = 0; i < lines.length; i++) if (lines[i].endsWith('\r')) lines[i] = lines[i].slice(0, -1);
    const batch = { lines, firstLineNo: lineNo };
    lineNo += lines.length;
    return batch;
  };
  let first = true;
  for await (const chunk of input) {
    let text = typeof chunk === 'string' ? chunk : decoder.write(chunk);
    if (first && text) {
      text = stripBom(text);
      first = false;
    }
    const batch = emit(rest + text);
    if (batch.lines.length) yield batch;
  }
  const tail = rest + decoder.end();
  if (tail) yield { lines: [tail.endsWith('\r') ? tail.slice(0, -1) : tail], firstLineNo: lineNo };
}

/** Lines of a stream with their 1-based numbers. */
export async function* readLines(input: Readable): AsyncGenerator<{ line: string; lineNo: number }> {
  for await (const { lines, firstLineNo } of readLineBatches(input)) {
    for (let i = 0; i < lines.length; i++) yield { line: lines[i], lineNo: firstLineNo + i };
  }
}

/** Buffers output lines and respects back-pressure, so a slow reader never makes us hold everything. */
export class LineWriter {
  private buffer: string[] = [];
  private size = 0;
  private failed?: Error;

  constructor(private readonly out: Writable, private readonly flushAt = 256 * 1024) {
    // A reader that went away (`score | head`) is an EPIPE on the stream: remembered and thrown
    // from the next write as OutputClosedError, never an unhandled 'error' event with a stack.
    out.on('error', (err: NodeJS.ErrnoException) => (this.failed ??= err.code === 'EPIPE' ? new OutputClosedError() : err));
  }

  /** Adds a line; returns a promise only when the buffer was flushed into a full stream. */
  write(line: string): Promise<void> | undefined {
    if (this.failed) throw this.failed;
    this.buffer.push(line);
    this.size += line.length + 1;
    return this.size >= this.flushAt ? this.flush() : undefined;
  }

  async flush(): Promise<void> {
    if (!this.buffer.length) return;
    const chunk = `${this.buffer.join('\n')}\n`;
    this.buffer = [];
    this.size = 0;
    if (this.failed) throw this.failed;
    if (!this.out.write(chunk)) {
      await once(this.out, 'drain').catch(() => undefined);
      if (this.failed) throw this.failed;
    }
  }
}

/** The reader of our output closed it (a pipe into `head`): stop quietly, it has what it wanted. */
export class OutputClosedError extends Error {
  constructor() {
    super('output closed by its reader');
    this.name = 'OutputClosedError';
  }
}

/** Reports a bad input line on stderr and keeps count, so the command can exit 1 at the end. */
export class BadLines {
  count = 0;
  report(lineNo: number, problem: string): void {
    this.count += 1;
    process.stderr.write(`line ${lineNo}: ${problem}; skipped\n`);
  }
}
