import { createInstance } from "./index";

declare global {
  interface Window {
    SignaKit: { createInstance: typeof createInstance };
  }
}

// Entry point of public/sdk/signakit.min.js for <script> tag users.
window.SignaKit = { createInstance };
