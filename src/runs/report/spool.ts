import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * Rows written to a temporary file and read back (issue 19: `report --org` keeps no list that
 * grows with the number of repositories in memory). One JSON line per row; read in order as many
 * times as needed, or one row at its place (`at`). `SpoolDir.close` deletes every file.
 */

const CHUNK = 64 * 1024;

export class Spool<T> {
  private readonly fd: number;
  private size = 0;
  private pending: string[] = [];
  private pendingBytes = 0;
  count = 0;

  constructor(readonly path: string) {
    this.fd = openSync(path, "w+", 0o600);
  }

  /** Appends a row; returns where it is (for `at`). */
  append(row: T): { offset: number; length: number } {
    const line = `${JSON.stringify(row)}\n`;
    const length = Buffer.byteLength(line);
    const offset = this.size + this.pendingBytes;
    this.pending.push(line);
    this.pendingBytes += length;
    this.count++;
    if (this.pendingBytes >= CHUNK) this.flush();
    return { offset, length };
  }

  private flush(): void {
    if (this.pendingBytes === 0) return;
    const buffer = Buffer.from(this.pending.join(""));
    writeSync(this.fd, buffer, 0, buffer.length, this.size);
    this.size += buffer.length;
    this.pending = [];
    this.pendingBytes = 0;
  }

  /** Every row, in the order written. */
  *rows(): Generator<T> {
    this.flush();
    const buffer = Buffer.alloc(CHUNK);
    let rest = Buffer.alloc(0);
    let position = 0;
    while (position < this.size) {
      const read = readSync(this.fd, buffer, 0, CHUNK, position);
      position += read;
      let data = Buffer.concat([rest, buffer.subarray(0, read)]);
      let end = data.indexOf(10);
      while (end !== -1) {
        yield JSON.parse(data.subarray(0, end).toString("utf8")) as T;
        data = data.subarray(end + 1);
        end = data.indexOf(10);
      }
      rest = Buffer.from(data);
    }
  }

  /** The row written at `where`. */
  at(where: { offset: number; length: number }): T {
    this.flush();
    const buffer = Buffer.alloc(where.length);
    readSync(this.fd, buffer, 0, where.length, where.offset);
    return JSON.parse(buffer.toString("utf8")) as T;
  }

  close(): void {
    closeSync(this.fd);
  }
}

/** A private temporary directory for a run's spools. */
export class SpoolDir {
  private readonly dir = mkdtempSync(join(tmpdir(), "postmortem-followups-"));
  private readonly spools: Spool<unknown>[] = [];

  spool<T>(name: string): Spool<T> {
    const spool = new Spool<T>(join(this.dir, `${name}.jsonl`));
    this.spools.push(spool as Spool<unknown>);
    return spool;
  }

  close(): void {
    for (const spool of this.spools) spool.close();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
