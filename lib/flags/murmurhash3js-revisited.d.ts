// The package ships no types; only the function we use is declared.
declare module "murmurhash3js-revisited" {
  const murmurHash3: {
    x86: { hash32(bytes: Uint8Array | number[], seed?: number): number };
  };
  export default murmurHash3;
}
