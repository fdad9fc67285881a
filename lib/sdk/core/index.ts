export { SignaKitClient, createClient, createInstance, type ClientParts } from "./client";
export { UserContext, EXPOSURE_EVENT, type DecideOptions } from "./user-context";
export { parseSdkKey, configUrl, eventsUrl, beaconUrl, type SdkKeyParts } from "./sdk-key";
export type * from "./types";
export type { Attributes, Decision, ProjectConfig } from "../../flags/types";
