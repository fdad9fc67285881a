import type { Metadata } from "next";
import { ActionButton } from "@/components/admin/action-button";
import { CopyButton } from "@/components/admin/copy-button";
import { ProjectForm, SdkKeyForm, UserForm } from "@/components/admin/settings-forms";
import { requireUser } from "@/lib/auth/current-user";
import { isAdmin } from "@/lib/auth/roles";
import { getDatabase } from "@/lib/db";
import { getCurrentProject } from "@/lib/projects/current";
import { createProjectAction, createSdkKeyAction, createUserAction, revokeSdkKeyAction, updateUserAction } from "./actions";

export const metadata: Metadata = { title: "Settings" };

const day = (date: Date) => date.toISOString().slice(0, 10);

export default async function SettingsPage() {
  const user = await requireUser();
  const admin = isAdmin(user);
  const project = await getCurrentProject();
  const { prisma } = await getDatabase();
  const [sdkKeys, users] = await Promise.all([
    project
      ? prisma.sdkKey.findMany({
          where: { projectId: project.id },
          include: { environment: true },
          orderBy: [{ revokedAt: { sort: "desc", nulls: "first" } }, { createdAt: "desc" }],
        })
      : [],
    prisma.user.findMany({ select: { id: true, email: true, name: true, role: true, disabled: true, createdAt: true }, orderBy: { email: "asc" } }),
  ]);

  return (
    <>
      <div className="page-header">
        <div>
          <h1>Settings</h1>
          <p className="subtitle">The project, the SDK keys your apps use, and who can sign in.</p>
        </div>
      </div>

      <section className="card stack" aria-labelledby="project">
        <h2 id="project">Project</h2>
        {project ? (
          <table className="table">
            <tbody>
              <tr><th>Name</th><td>{project.name}</td></tr>
              <tr><th>Organization id</th><td className="mono">{project.organizationId}</td></tr>
              <tr><th>Project id</th><td className="mono">{project.id}</td></tr>
              {project.environments.map((environment) => (
                <tr key={environment.id}>
                  <th>Config ({environment.key})</th>
                  <td className="mono small">/configs/{project.organizationId}/{project.id}/{environment.key}/latest.json <span className="hint">version {environment.configVersion}</span></td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : admin ? (
          <>
            <p className="muted" style={{ margin: 0 }}>There is no project yet. It gets a development and a production environment.</p>
            <ProjectForm action={createProjectAction} />
          </>
        ) : (
          <p className="muted">There is no project yet. An admin can create one here.</p>
        )}
      </section>

      {project && (
        <section className="card stack" aria-labelledby="sdk-keys">
          <div>
            <h2 id="sdk-keys">SDK keys</h2>
            <p className="hint" style={{ margin: 0 }}>
              Apps use a key to read their environment&apos;s flags and to send events. Keys are public (they ship in browsers); revoke one to stop it working.
            </p>
          </div>
          {sdkKeys.length === 0 ? (
            <p className="muted">No keys yet.</p>
          ) : (
            <table className="table">
              <thead><tr><th>Name</th><th>Environment</th><th>Key</th><th>Created</th>{admin && <th />}</tr></thead>
              <tbody>
                {sdkKeys.map((key) => (
                  <tr key={key.id} className={key.revokedAt ? "muted" : undefined}>
                    <td>{key.name || <span className="muted">unnamed</span>}</td>
                    <td>{key.environment.key}</td>
                    <td>
                      <span className="row" style={{ gap: 6, flexWrap: "nowrap" }}>
                        <code style={{ wordBreak: "break-all", textDecoration: key.revokedAt ? "line-through" : undefined }}>{key.key}</code>
                        {!key.revokedAt && <CopyButton text={key.key} />}
                      </span>
                    </td>
                    <td>{day(key.createdAt)}</td>
                    {admin && (
                      <td>
                        {key.revokedAt ? (
                          <span className="badge badge-bad">Revoked {day(key.revokedAt)}</span>
                        ) : (
                          <ActionButton action={revokeSdkKeyAction.bind(null, key.id)} label="Revoke" variant="danger" confirm={`Revoke “${key.name || key.key}”? Apps using it stop receiving flags and their events are rejected.`} />
                        )}
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {admin && (
            <>
              <h3 style={{ marginTop: 8 }}>New key</h3>
              <SdkKeyForm action={createSdkKeyAction} />
            </>
          )}
        </section>
      )}

      <section className="card stack" aria-labelledby="users">
        <div>
          <h2 id="users">Users</h2>
          <p className="hint" style={{ margin: 0 }}>Admins change metrics, flags and settings; viewers see everything read-only.</p>
        </div>
        <table className="table">
          <thead><tr><th>Email</th><th>Name</th><th>Role</th><th>Status</th>{admin && <th />}</tr></thead>
          <tbody>
            {users.map((member) => {
              const update = updateUserAction.bind(null, member.id);
              return (
                <tr key={member.id} className={member.disabled ? "muted" : undefined}>
                  <td>{member.email} {member.id === user.id && <span className="badge">you</span>}</td>
                  <td>{member.name}</td>
                  <td>{member.role === "ADMIN" ? <span className="badge badge-info">Admin</span> : <span className="badge">Viewer</span>}</td>
                  <td>{member.disabled ? <span className="badge badge-bad">Disabled</span> : <span className="badge badge-good">Active</span>}</td>
                  {admin && (
                    <td>
                      <span className="row" style={{ gap: 6, justifyContent: "flex-end" }}>
                        {member.role === "ADMIN" ? (
                          <ActionButton action={update} input={{ role: "VIEWER" }} label="Make viewer" confirm={`Make ${member.email} a viewer?`} />
                        ) : (
                          <ActionButton action={update} input={{ role: "ADMIN" }} label="Make admin" confirm={`Make ${member.email} an admin?`} />
                        )}
                        {member.disabled ? (
                          <ActionButton action={update} input={{ disabled: false }} label="Enable" />
                        ) : (
                          <ActionButton action={update} input={{ disabled: true }} label="Disable" variant="danger" confirm={`Disable ${member.email}? They are signed out at once.`} />
                        )}
                      </span>
                    </td>
                  )}
                </tr>
              );
            })}
          </tbody>
        </table>
        {admin && (
          <>
            <h3 style={{ marginTop: 8 }}>Add a user</h3>
            <UserForm action={createUserAction} />
          </>
        )}
      </section>
    </>
  );
}
