// Public API of lib/bandit: Thompson-sampling re-weighting of multi-armed-bandit rules.
export { runBandit, listBanditRuns, BanditError, type BanditArm, type BanditRunResult, type RunBanditOptions } from "./run";
export { startBanditScheduler, runDueBandits, banditIntervalMinutes } from "./scheduler";
