import Link from "next/link";
import type { ReactNode } from "react";
import { Providers } from "@/components/providers";
import { NavLinks } from "@/components/shell/nav-links";
import { SignOutButton } from "@/components/shell/sign-out-button";
import { requireUser } from "@/lib/auth/current-user";

export const dynamic = "force-dynamic";

export default async function DashboardLayout({ children }: { children: ReactNode }) {
  const user = await requireUser();
  return (
    <div className="shell">
      <aside className="sidebar">
        <Link href="/experiments" className="brand"><span className="brand-mark" aria-hidden /> SignaKit Events</Link>
        <NavLinks />
        <div className="sidebar-footer">
          <span title={user.email} style={{ overflow: "hidden", textOverflow: "ellipsis" }}>{user.email}</span>
          <span className="badge" aria-label={`role ${user.role.toLowerCase()}`}>{user.role === "ADMIN" ? "Admin" : "Viewer"}</span>
          <SignOutButton />
        </div>
      </aside>
      <main className="main"><Providers>{children}</Providers></main>
    </div>
  );
}
