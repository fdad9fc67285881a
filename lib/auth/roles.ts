export type Role = "ADMIN" | "VIEWER";

/** The signed-in person as the app sees them, always read fresh from the database. */
export interface CurrentUser {
  id: string;
  email: string;
  name: string;
  role: Role;
}

export const isAdmin = (user: Pick<CurrentUser, "role">) => user.role === "ADMIN";
