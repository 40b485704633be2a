// The small part of yauzl (https://github.com/thejoshwolfe/yauzl) that the Slack importer uses.
declare module 'yauzl' {
  import type { EventEmitter } from 'node:events';
  import type { Readable } from 'node:stream';
  export interface Entry { fileName: string; compressedSize: number; uncompressedSize: number }
  export interface ZipFile extends EventEmitter {
    readEntry(): void;
    openReadStream(entry: Entry, cb: (err: Error | null, stream: Readable) => void): void;
    close(): void;
  }
  export function open(path: string, options: { lazyEntries: boolean; autoClose?: boolean }, cb: (err: Error | null, zip: ZipFile) => void): void;
}
