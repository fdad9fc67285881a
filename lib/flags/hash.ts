import murmurHash3 from "murmurhash3js-revisited";

/** Number of buckets; allocation ranges and traffic thresholds live in 0..BUCKET_COUNT-1. */
export const BUCKET_COUNT = 10_000;

export type BucketNamespace = "traffic" | "variation" | "default";

const utf8 = new TextEncoder();

/** MurmurHash3 x86 32-bit of the UTF-8 bytes of `text`, as an unsigned integer. */
export function murmur3(text: string, seed = 0): number {
  return murmurHash3.x86.hash32(utf8.encode(text), seed);
}

/** murmur3("{key}:{userId}") % 10000, the SignaKit-compatible bucket. */
export function hashToBucket(key: string, userId: string): number {
  return murmur3(`${key}:${userId}`) % BUCKET_COUNT;
}

/** Bucket of a user in one of a flag's namespaces: hashes "{salt}:{namespace}:{userId}". */
export function bucket(salt: string, namespace: BucketNamespace, userId: string): number {
  return hashToBucket(`${salt}:${namespace}`, userId);
}
