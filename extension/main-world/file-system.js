// Files written through the File System Access API (a handle from
// showSaveFilePicker, or any other FileSystemFileHandle): the browser's own
// writable stream puts every write in a swap file on disk at once, so
// RootGuard gives the page a writable of its own that keeps what is written
// in memory, up to the core's limit for a credentials file. At close() the
// core decides: a credentials file is sealed and saved as ciphertext like
// any captured download, and the page's file is never opened for writing;
// anything else is written through the browser's own writable, once, as the
// page wrote it. A file that grows past the limit is handed to the browser's
// writable at that moment and written straight through from then on.
//
// The picker itself is the browser's, untouched: the user still chooses
// where a file goes. What RootGuard's writable does not do: report a quota
// error before close() (the browser's writable reports it at write()).

import { MAX_CREDENTIALS_FILE_BYTES } from "./capture-policy.js";
import { holdBytes } from "./captures.js";
import { guard, replaceMethod } from "./guard.js";
import { isBlob } from "./object-urls.js";
import {
  apply,
  arrayBufferSlice,
  blobArrayBuffer,
  getter,
  isView,
  Promise_,
  promiseThen,
  setPrototypeOf,
  String_,
  textEncode,
  TextEncoder_,
  TypeError_,
  typedArrayLength,
  typedArraySet,
  typedArraySubarray,
  Uint8Array_,
  uncurry,
  weakMapGet,
  weakMapSet,
  WeakMap_,
} from "./primordials.js";

/** RootGuard's writables → their file image (write, seek, truncate). */
const images = new WeakMap_();
const encoder = new TextEncoder_();

/** A growable in-memory copy of the file being written. */
function fileImage(initial) {
  let bytes = initial;
  let length = typedArrayLength(initial);
  let position = 0;
  const ensure = (size) => {
    if (size <= typedArrayLength(bytes)) return;
    let capacity = typedArrayLength(bytes) || 1024;
    while (capacity < size) capacity *= 2;
    const grown = new Uint8Array_(capacity);
    typedArraySet(grown, typedArraySubarray(bytes, 0, length));
    bytes = grown;
  };
  return {
    get length() {
      return length;
    },
    write(data, at) {
      if (at !== undefined && at !== null) position = at;
      const size = typedArrayLength(data);
      ensure(position + size);
      if (position > length) typedArraySet(bytes, new Uint8Array_(position - length), length);
      typedArraySet(bytes, data, position);
      position += size;
      if (position > length) length = position;
    },
    seek(at) {
      position = at;
    },
    truncate(size) {
      ensure(size);
      if (size > length) typedArraySet(bytes, new Uint8Array_(size - length), length);
      length = size;
      if (position > size) position = size;
    },
    get position() {
      return position;
    },
    contents: () => typedArraySubarray(bytes, 0, length),
  };
}

async function toBytes(data) {
  if (typeof data === "string") return textEncode(encoder, data);
  if (isBlob(data)) return new Uint8Array_(await blobArrayBuffer(data));
  if (isView(data)) return new Uint8Array_(arrayBufferSlice(data.buffer, data.byteOffset, data.byteOffset + data.byteLength));
  try {
    return new Uint8Array_(arrayBufferSlice(data, 0));
  } catch {
    throw new TypeError_("RootGuard: this is not something a file can hold (string, BufferSource or Blob)");
  }
}

/** Hook `win`'s FileSystemFileHandle.prototype.createWritable and FileSystemWritableFileStream's write, seek, truncate. */
export function watchFileSystem(win) {
  const HandleProto = win.FileSystemFileHandle?.prototype;
  const StreamProto = win.FileSystemWritableFileStream?.prototype;
  if (!HandleProto || typeof HandleProto.createWritable !== "function" || !StreamProto) return;
  const nativeCreate = HandleProto.createWritable;
  const handleName = getter(win.FileSystemHandle.prototype, "name");
  const getFile = uncurry(HandleProto.getFile);
  const WritableStream_ = win.WritableStream;
  const getWriter = uncurry(win.WritableStream.prototype.getWriter);
  const writerWrite = uncurry(win.WritableStreamDefaultWriter.prototype.write);
  const writerClose = uncurry(win.WritableStreamDefaultWriter.prototype.close);
  const releaseLock = uncurry(win.WritableStreamDefaultWriter.prototype.releaseLock);

  guard(HandleProto, "createWritable", async function createWritable(options) {
    const handle = this;
    const name = handleName(handle);
    const keep = options?.keepExistingData === true;
    let native = null; // the browser's writable, once the content is known or too large
    const openNative = async () => {
      native = getWriter(await apply(nativeCreate, handle, [options]));
    };
    const initial = keep ? new Uint8Array_(await blobArrayBuffer(await getFile(handle))) : new Uint8Array_(0);
    const image = fileImage(initial);
    // Past the limit it cannot be credentials: the browser's writable takes over.
    const spill = async () => {
      await openNative();
      await writerWrite(native, { type: "write", position: 0, data: image.contents() });
      await writerWrite(native, { type: "seek", position: image.position });
    };
    const sink = {
      async write(chunk) {
        const op = chunk !== null && typeof chunk === "object" && !isBlob(chunk) && !isView(chunk) && typeof chunk.type === "string" ? chunk : { type: "write", data: chunk };
        if (native !== null) return writerWrite(native, op.type === "write" ? { ...op, data: await toBytes(op.data) } : op);
        if (op.type === "seek") return image.seek(Number(op.position));
        if (op.type === "truncate") return image.truncate(Number(op.size));
        if (op.type !== "write") throw new TypeError_(`RootGuard: unknown write type ${String_(op.type)}`);
        image.write(await toBytes(op.data), op.position);
        if (image.length > MAX_CREDENTIALS_FILE_BYTES) await spill();
      },
      async close() {
        if (native !== null) return writerClose(native);
        const contents = image.contents();
        // Settled when the core has decided: written through the browser's
        // writable if released, or kept from disk (sealed, or refused).
        return new Promise_((resolve, reject) => {
          holdBytes({
            bytes: contents,
            fileName: name,
            replay() {
              const written = promiseThen(openNative(), () => writerWrite(native, { type: "write", position: 0, data: contents }));
              promiseThen(promiseThen(written, () => writerClose(native)), resolve, reject);
            },
            dropped: () => resolve(),
          });
        });
      },
      async abort(reason) {
        if (native !== null) await apply(win.WritableStreamDefaultWriter.prototype.abort, native, [reason]);
      },
    };
    const stream = new WritableStream_(sink);
    setPrototypeOf(stream, StreamProto);
    weakMapSet(images, stream, image);
    return stream;
  });

  // write(), seek() and truncate() are FileSystemWritableFileStream's own:
  // on RootGuard's writables they go through the stream's writer as the
  // browser's do.
  const viaWriter = (stream, op) => {
    const writer = getWriter(stream);
    const done = (value) => {
      releaseLock(writer);
      return value;
    };
    return promiseThen(writerWrite(writer, op), done, (error) => {
      releaseLock(writer);
      throw error;
    });
  };
  // The originals get names of their own (inside a named function expression
  // its own name is the hook: calling that would recurse).
  const nativeWrite = replaceMethod(StreamProto, "write", function write(data) {
    if (weakMapGet(images, this) === undefined) return apply(nativeWrite, this, [data]);
    return viaWriter(this, data);
  });
  const nativeSeek = replaceMethod(StreamProto, "seek", function seek(position) {
    if (weakMapGet(images, this) === undefined) return apply(nativeSeek, this, [position]);
    return viaWriter(this, { type: "seek", position });
  });
  const nativeTruncate = replaceMethod(StreamProto, "truncate", function truncate(size) {
    if (weakMapGet(images, this) === undefined) return apply(nativeTruncate, this, [size]);
    return viaWriter(this, { type: "truncate", size });
  });
}
