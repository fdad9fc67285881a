import Link from "next/link";

export default function Forbidden() {
  return (
    <main className="auth-page">
      <div className="card auth-card">
        <h1>Admins only</h1>
        <p className="muted">
          Your account can read everything but cannot change it. Ask an admin to make this change or to give you the admin role.
        </p>
        <Link className="btn" href="/experiments">Back to experiments</Link>
      </div>
    </main>
  );
}
