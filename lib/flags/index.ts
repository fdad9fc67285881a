export * from "./types";
export { BUCKET_COUNT, bucket, hashToBucket, murmur3, type BucketNamespace } from "./hash";
export { matchesAudience, matchesAudiences, matchesCondition } from "./conditions";
export { rangesFromWeights, variationForBucket } from "./ranges";
export { OFF, evaluate, evaluateAll } from "./evaluate";
