/**
 * The bytes runProcess collects, held so that the output exists about once in memory. Small output is a
 * list of chunks joined at the end (one short copy). Past {@link STORE_AFTER} bytes the output moves into
 * a resizable ArrayBuffer, which reserves address space up front and grows in place, so each chunk is
 * copied once as it arrives and the result is a view of the same memory: joining chunks at the end would
 * hold two copies of a large output at once. Where resizable buffers are missing or the reservation is
 * refused, it stays a list of chunks.
 */

/** Output up to this many bytes stays a list of chunks. */
const STORE_AFTER = 1024 * 1024;
/** The largest resizable store reserved; bigger output continues as a list of chunks. */
const MAX_STORE = 2 ** 32 - 1;

/** ES2024 resizable ArrayBuffer, not in the ES2023 lib this package compiles against. */
interface Resizable extends ArrayBuffer {
  resize(byteLength: number): void;
  readonly maxByteLength: number;
}
type ResizableConstructor = new (byteLength: number, options: { maxByteLength: number }) => Resizable;

/** Accumulates bytes; `bytes()` gives them as one array. */
export class ByteStore {
  private chunks: Uint8Array[] = [];
  private store: Resizable | null = null;
  private view: Uint8Array | null = null;
  private storable: boolean;
  /** Bytes held. */
  length = 0;

  /** `limit`: the most bytes that will ever be added (maxBuffer), which bounds the reservation. */
  constructor(private readonly limit: number) {
    this.storable = limit > STORE_AFTER && typeof (ArrayBuffer.prototype as Partial<Resizable>).resize === "function";
  }

  /** Adds `chunk`. `owned`: the caller will not reuse its memory, so a short output may keep it without a copy. */
  add(chunk: Uint8Array, owned: boolean): void {
    const end = this.length + chunk.byteLength;
    if (this.store === null && this.storable && end > STORE_AFTER) this.open(end);
    if (this.store !== null && end > this.store.byteLength && !this.grow(end)) this.close();
    if (this.view !== null) {
      if (this.view.byteLength < end) this.view = new Uint8Array(this.store as ArrayBuffer, 0, (this.store as Resizable).byteLength);
      this.view.set(chunk, this.length);
    } else this.chunks.push(owned ? chunk : chunk.slice());
    this.length = end;
  }

  /** All the bytes as one array; no copy when they are one chunk or in the store. */
  bytes(): Uint8Array {
    if (this.store !== null) {
      this.store.resize(this.length);
      return new Uint8Array(this.store, 0, this.length);
    }
    if (this.chunks.length === 1) return this.chunks[0] as Uint8Array;
    const out = new Uint8Array(this.length);
    let offset = 0;
    for (const chunk of this.chunks) {
      out.set(chunk, offset);
      offset += chunk.byteLength;
    }
    return out;
  }

  /** Moves the chunks into a new store with room for `end` bytes; stays with chunks if that is refused. */
  private open(end: number): void {
    const max = Math.min(this.limit, MAX_STORE);
    if (end > max) {
      this.storable = false;
      return;
    }
    try {
      this.store = new (ArrayBuffer as unknown as ResizableConstructor)(Math.min(max, Math.max(end, 4 * STORE_AFTER)), {
        maxByteLength: max,
      });
    } catch {
      this.storable = false;
      return;
    }
    this.view = new Uint8Array(this.store as ArrayBuffer, 0, this.store.byteLength);
    let offset = 0;
    for (const chunk of this.chunks) {
      this.view.set(chunk, offset);
      offset += chunk.byteLength;
    }
    this.chunks = [];
  }

  /** Grows the store in place to hold `end` bytes (doubling); false when it cannot. */
  private grow(end: number): boolean {
    const store = this.store as Resizable;
    if (end > store.maxByteLength) return false;
    try {
      store.resize(Math.min(store.maxByteLength, Math.max(end, store.byteLength * 2)));
      return true;
    } catch {
      return false;
    }
  }

  /** The store is full: what it holds becomes the first chunk and the rest continues as chunks. */
  private close(): void {
    const store = this.store as Resizable;
    store.resize(this.length);
    this.chunks = [new Uint8Array(store, 0, this.length)];
    this.store = null;
    this.view = null;
    this.storable = false;
  }
}
