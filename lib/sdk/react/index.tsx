"use client";

import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useSyncExternalStore, type ReactNode } from "react";
import type { Attributes, Decision } from "../../flags/types";
import type { SignaKitClient } from "../core/client";
import type { TrackEventOptions } from "../core/types";
import type { UserContext } from "../core/user-context";

export interface FlagState extends Decision {
  /** False until the client has a config (and always during server rendering and hydration). */
  ready: boolean;
}

type TrackEvent = (eventKey: string, options?: TrackEventOptions) => void;

interface ProviderValue {
  userContext: UserContext | null;
  /** Config revision, so flag hooks re-decide when the config changes. */
  revision: number;
  trackEvent: TrackEvent;
}

/** Events tracked before the client is ready wait here, up to this many. */
const MAX_PENDING_EVENTS = 100;

const SignaKitContext = createContext<ProviderValue | null>(null);

const noSubscription = () => () => {};

export interface SignaKitProviderProps {
  client: SignaKitClient | null;
  userId: string;
  attributes?: Attributes;
  children?: ReactNode;
}

export function SignaKitProvider({ client, userId, attributes, children }: SignaKitProviderProps) {
  // The server snapshot is 0, so server HTML and hydration both render the safe defaults.
  const revision = useSyncExternalStore(
    client ? (listener) => client.subscribe(listener) : noSubscription,
    () => client?.getRevision() ?? 0,
    () => 0,
  );
  // Attribute objects are often recreated on every render; only their content matters.
  const attributesKey = JSON.stringify(attributes ?? {});
  const ready = revision > 0;
  const userContext = useMemo(
    () => (client && ready ? client.createUserContext(userId, JSON.parse(attributesKey) as Attributes) : null),
    [client, ready, userId, attributesKey],
  );

  const pending = useRef<Array<[string, TrackEventOptions | undefined]>>([]);
  useEffect(() => {
    if (!userContext) return;
    for (const [eventKey, options] of pending.current.splice(0)) userContext.trackEvent(eventKey, options);
  }, [userContext]);

  const trackEvent = useCallback<TrackEvent>(
    (eventKey, options) => {
      if (userContext) userContext.trackEvent(eventKey, options);
      else if (pending.current.length < MAX_PENDING_EVENTS) pending.current.push([eventKey, options]);
    },
    [userContext],
  );

  const value = useMemo(() => ({ userContext, revision, trackEvent }), [userContext, revision, trackEvent]);
  return <SignaKitContext.Provider value={value}>{children}</SignaKitContext.Provider>;
}

function useSignaKit(hook: string): ProviderValue {
  const value = useContext(SignaKitContext);
  if (!value) throw new Error(`${hook} must be used inside <SignaKitProvider>`);
  return value;
}

function offState(flagKey: string): FlagState {
  return { flagKey, variationKey: "off", enabled: false, ruleKey: null, ruleType: null, variables: {}, ready: false };
}

/**
 * The decision for `flagKey`: evaluated purely during render, with the exposure recorded in an
 * effect (so discarded or server renders record nothing). `off` until the client is ready.
 */
export function useFlag(flagKey: string): FlagState {
  const { userContext, revision } = useSignaKit("useFlag");
  const decision = useMemo(
    () => userContext?.decide(flagKey, { exposure: false }) ?? null,
    [userContext, flagKey, revision],
  );
  useEffect(() => {
    userContext?.decide(flagKey);
  }, [userContext, flagKey, revision]);
  return decision ? { ...decision, ready: true } : { ...offState(flagKey), ready: userContext !== null };
}

/** A stable-enough `trackEvent(eventKey, { value, metadata })`; events before readiness are held and sent once ready. */
export function useTrackEvent(): TrackEvent {
  return useSignaKit("useTrackEvent").trackEvent;
}
