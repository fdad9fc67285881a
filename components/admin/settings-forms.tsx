"use client";

import { useEffect, useState, type FormEvent } from "react";
import type { AdminAction } from "@/lib/admin/form-state";
import { Field, FormStatus, SubmitButton, invalid } from "./form-parts";
import { useAdminForm } from "./use-admin-form";

/**
 * A small create form whose inputs clear after each success. The settings page shows several of these
 * forms at once, so input ids carry the form's prefix ("key-name", "user-name"): without it two inputs
 * shared the id "name" and the user form's Name label focused the SDK key's name.
 */
function useCreateForm<T extends Record<string, string>>(action: AdminAction, empty: T, prefix: string) {
  const form = useAdminForm(action);
  const [initial] = useState(empty);
  const [values, setValues] = useState(empty);
  const { status, at } = form.state;
  useEffect(() => {
    if (status === "ok") setValues(initial);
  }, [status, at, initial]);
  const idOf = (name: keyof T & string) => `${prefix}-${name}`;
  const bind = (name: keyof T & string) => ({
    id: idOf(name),
    value: values[name],
    onChange: (e: { target: { value: string } }) => setValues((v) => ({ ...v, [name]: e.target.value })),
    ...invalid(idOf(name), form.errorOf(name)),
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    form.submit(values);
  };
  return { ...form, bind, idOf, onSubmit };
}

export function ProjectForm({ action }: { action: AdminAction }) {
  const { state, pending, errorOf, bind, idOf, onSubmit } = useCreateForm(action, { organizationName: "", organizationId: "", name: "", projectId: "" }, "project");
  return (
    <form className="stack" onSubmit={onSubmit} noValidate>
      <FormStatus state={state} />
      <div className="grid-2">
        <Field label="Organization name" htmlFor={idOf("organizationName")} error={errorOf("organizationName")}>
          <input className="input" placeholder="Acme Inc." {...bind("organizationName")} />
        </Field>
        <Field label="Organization id" htmlFor={idOf("organizationId")} error={errorOf("organizationId")} hint="Lowercase letters, digits and -. Part of SDK keys.">
          <input className="input mono" placeholder="acme" {...bind("organizationId")} />
        </Field>
        <Field label="Project name" htmlFor={idOf("name")} error={errorOf("name")}>
          <input className="input" placeholder="Web shop" {...bind("name")} />
        </Field>
        <Field label="Project id" htmlFor={idOf("projectId")} error={errorOf("projectId")} hint="Lowercase letters, digits and -. Part of SDK keys and config URLs.">
          <input className="input mono" placeholder="web-shop" {...bind("projectId")} />
        </Field>
      </div>
      <div>
        <SubmitButton pending={pending} label="Create project" pendingLabel="Creating…" />
      </div>
    </form>
  );
}

export function SdkKeyForm({ action }: { action: AdminAction }) {
  const { state, pending, errorOf, bind, idOf, onSubmit } = useCreateForm(action, { name: "", environment: "development" }, "key");
  return (
    <form className="stack" onSubmit={onSubmit} noValidate>
      <FormStatus state={state} />
      <div className="row" style={{ alignItems: "flex-start" }}>
        <div style={{ flex: "1 1 220px" }}>
          <Field label="Name" htmlFor={idOf("name")} error={errorOf("name")} hint="Where the key is used, e.g. “Web app”.">
            <input className="input" placeholder="Web app" {...bind("name")} />
          </Field>
        </div>
        <div style={{ flex: "0 1 200px" }}>
          <Field label="Environment" htmlFor={idOf("environment")} error={errorOf("environment")}>
            <select className="input" {...bind("environment")}>
              <option value="development">development</option>
              <option value="production">production</option>
            </select>
          </Field>
        </div>
      </div>
      <div>
        <SubmitButton pending={pending} label="Create SDK key" pendingLabel="Creating…" />
      </div>
    </form>
  );
}

export function UserForm({ action }: { action: AdminAction }) {
  const { state, pending, errorOf, bind, idOf, onSubmit } = useCreateForm(action, { email: "", name: "", password: "", role: "VIEWER" }, "user");
  return (
    <form className="stack" onSubmit={onSubmit} noValidate>
      <FormStatus state={state} />
      <div className="grid-2">
        <Field label="Email" htmlFor={idOf("email")} error={errorOf("email")}>
          <input className="input" type="email" autoComplete="off" {...bind("email")} />
        </Field>
        <Field label="Name" htmlFor={idOf("name")} error={errorOf("name")}>
          <input className="input" {...bind("name")} />
        </Field>
        <Field label="Password" htmlFor={idOf("password")} error={errorOf("password")} hint="At least 8 characters. Share it with the person privately.">
          <input className="input" type="password" autoComplete="new-password" {...bind("password")} />
        </Field>
        <Field label="Role" htmlFor={idOf("role")} error={errorOf("role")} hint="Viewers see everything but change nothing.">
          <select className="input" {...bind("role")}>
            <option value="VIEWER">Viewer</option>
            <option value="ADMIN">Admin</option>
          </select>
        </Field>
      </div>
      <div>
        <SubmitButton pending={pending} label="Add user" pendingLabel="Adding…" />
      </div>
    </form>
  );
}
