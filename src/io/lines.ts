import { createReadStream } from 'node:fs';
import { once } from 'node:events';
import readline from 'node:readline';
import type { Readable, Writable } from 'node:stream';

export function openInput(file: string | undefined): Readable {
  return file && file !== '-' ? createReadStream(file) : process.stdin;
}

/** Lines of a stream with their 1-based numbers; memory stays flat whatever the size. */
export async function* readLines(input: Readable): AsyncGenerator<{ line: string; lineNo: number }> {
  const rl = readline.createInterface({ input, crlfDelay: Infinity });
  let lineNo = 0;
  for await (const line of rl) {
    lineNo += 1;
    yield { line, lineNo };
  }
}

/** Buffers output lines and respects back-pressure, so a slow reader never makes us hold everything. */
export class LineWriter {
  private buffer: string[] = [];
  private size = 0;
  constructor(private readonly out: Writable, private readonly flushAt = 64 * 1024) {}

  async write(line: string): Promise<void> {
    this.buffer.push(line);
    this.size += line.length + 1;
    if (this.size >= this.flushAt) await this.flush();
  }

  async flush(): Promise<void> {
    if (!this.buffer.length) return;
    const chunk = `${this.buffer.join('\n')}\n`;
    this.buffer = [];
    this.size = 0;
    if (!this.out.write(chunk)) await once(this.out, 'drain');
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
