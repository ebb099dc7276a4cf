// node:stream/consumers — read a whole stream (Node stream, web stream or async iterable).
import { Buffer } from "node:buffer";

async function collect(stream) {
  const chunks = [];
  for await (const chunk of stream) chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : chunk);
  return chunks;
}

export async function blob(stream) {
  return new Blob(await collect(stream));
}

export async function arrayBuffer(stream) {
  const b = await blob(stream);
  return b.arrayBuffer();
}

export async function buffer(stream) {
  return Buffer.from(await arrayBuffer(stream));
}

export async function text(stream) {
  const dec = new TextDecoder();
  let str = "";
  for await (const chunk of stream) {
    if (typeof chunk === "string") str += chunk;
    else str += dec.decode(chunk, { stream: true });
  }
  return str + dec.decode();
}

export async function json(stream) {
  return JSON.parse(await text(stream));
}

export default { arrayBuffer, blob, buffer, text, json };
