import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/auth/sign-in-form";
import { getCurrentUser } from "@/lib/auth/current-user";

export const metadata: Metadata = { title: "Sign in" };
export const dynamic = "force-dynamic";

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string }> }) {
  if (await getCurrentUser()) redirect("/experiments");
  const { callbackUrl } = await searchParams;
  // Only same-site paths: an open redirect after sign-in would be a phishing aid.
  const target = callbackUrl?.startsWith("/") && !callbackUrl.startsWith("//") ? callbackUrl : "/experiments";
  return (
    <main className="auth-page">
      <div className="card auth-card">
        <div className="brand"><span className="brand-mark" aria-hidden /> SignaKit Events</div>
        <h1>Sign in</h1>
        <p className="subtitle" style={{ marginBottom: 16 }}>Experiment results for your whole team.</p>
        <SignInForm callbackUrl={target} />
      </div>
    </main>
  );
}
