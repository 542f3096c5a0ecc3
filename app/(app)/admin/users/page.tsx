import { AddUserForm } from "@/components/admin/add-user-form";
import { RoleSelect } from "@/components/admin/role-select";
import { UserActions } from "@/components/admin/user-actions";
import { Card } from "@/components/ui/card";
import { requirePageUser } from "@/lib/auth/current-user";
import { listUsers } from "@/lib/auth/users";
import { UserText } from "@/components/ui/user-text";

export const dynamic = "force-dynamic";
export const metadata = { title: "Users" };

export default async function UsersPage() {
  await requirePageUser("users.manage");
  const users = await listUsers();
  return (
    <div className="space-y-6">
      <h1 className="text-3xl font-bold text-slate-900">Users</h1>
      <Card>
        <h2 className="mb-4 text-lg font-bold text-slate-900">Invite a user</h2>
        <AddUserForm />
      </Card>
      <Card>
        <table className="w-full text-left text-sm">
          <caption className="sr-only">All users, their roles and whether they can sign in</caption>
          <thead>
            <tr className="border-b border-slate-200 text-slate-700">
              <th scope="col" className="py-2">Name</th>
              <th scope="col" className="py-2">Email</th>
              <th scope="col" className="py-2">Role</th>
              <th scope="col" className="py-2">Status</th>
              <th scope="col" className="py-2">Actions</th>
            </tr>
          </thead>
          <tbody>
            {users.map((u) => (
              <tr key={u.id} className="border-b border-slate-100" data-testid="user-row">
                <td className="py-2 font-medium text-slate-900"><UserText>{u.name}</UserText></td>
                <td className="py-2 text-slate-700">{u.email}</td>
                <td className="py-2"><RoleSelect userId={u.id} userName={u.name} role={u.role} /></td>
                <td className="py-2">
                  {u.isDisabled ? <span className="font-medium text-red-800">Disabled</span> : <span className="text-slate-700">Active</span>}
                </td>
                <td className="py-2"><UserActions userId={u.id} userName={u.name} isDisabled={u.isDisabled} /></td>
              </tr>
            ))}
          </tbody>
        </table>
      </Card>
    </div>
  );
}
