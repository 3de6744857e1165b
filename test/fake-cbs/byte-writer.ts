/**
 * Builds a response body as bytes: fragments are encoded once (per dimension value,
 * per column) and copied, numbers are written digit by digit. Rendering a 10,000-row
 * page this way avoids building, flattening and re-encoding a megabyte string.
 */

export function utf8(text: string): Uint8Array {
  return Buffer.from(text, 'utf8');
}

const NULL = utf8('null');

export class ByteWriter {
  private buffer: Buffer;
  private length = 0;

  constructor(initialSize = 1 << 16) {
    this.buffer = Buffer.allocUnsafe(initialSize);
  }

  private reserve(extra: number): void {
    if (this.length + extra <= this.buffer.length) return;
    const next = Buffer.allocUnsafe(Math.max(this.buffer.length * 2, this.length + extra));
    this.buffer.copy(next, 0, 0, this.length);
    this.buffer = next;
  }

  byte(code: number): void {
    this.reserve(1);
    this.buffer[this.length++] = code;
  }

  bytes(chunk: Uint8Array): void {
    const n = chunk.length;
    this.reserve(n);
    const target = this.buffer;
    if (n > 12) {
      target.set(chunk, this.length);
      this.length += n;
      return;
    }
    let p = this.length;
    for (let i = 0; i < n; i++) target[p++] = chunk[i]!;
    this.length = p;
  }

  text(text: string): void {
    this.reserve(text.length * 3);
    this.length += this.buffer.write(text, this.length, 'utf8');
  }

  /** A JSON number, or null. */
  number(value: number | null): void {
    if (value === null) {
      this.bytes(NULL);
      return;
    }
    if (!Number.isInteger(value) || value < 0 || value > 0x7fffffff) {
      this.text(String(value));
      return;
    }
    this.reserve(10);
    const target = this.buffer;
    if (value < 10) {
      target[this.length++] = 48 + value;
      return;
    }
    let digits = 0;
    for (let rest = value; rest > 0; rest = (rest / 10) | 0) digits++;
    let p = this.length + digits;
    this.length = p;
    for (let rest = value; rest > 0; rest = (rest / 10) | 0) target[--p] = 48 + (rest % 10);
  }

  result(): Buffer {
    return this.buffer.subarray(0, this.length);
  }
}
