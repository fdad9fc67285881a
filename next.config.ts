import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Database drivers load WebAssembly and native modules from their own folders at run time.
  serverExternalPackages: [
    "@electric-sql/pglite",
    "pglite-prisma-adapter",
    "pg",
    "@prisma/adapter-pg",
    "@prisma/driver-adapter-utils",
    "bcryptjs",
  ],
  poweredByHeader: false,
  // forbidden() renders app/forbidden.tsx with status 403 for signed-in users without the role.
  experimental: { authInterrupts: true },
  reactStrictMode: true,
};

export default nextConfig;
