import Link from "next/link";

export function NoProject() {
  return (
    <div className="card empty">
      <h2>No project yet</h2>
      <p>Metrics, flags and SDK keys belong to a project. Create one first.</p>
      <Link className="btn btn-primary" href="/settings">Go to settings</Link>
    </div>
  );
}
