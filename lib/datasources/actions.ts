"use server";
// Server actions for the admin data sources page: save (add or change), remove, and test the
// settings as typed. Each goes through runAction (authenticate → datasources.manage → run).
import { revalidatePath } from "next/cache";
import { formValues } from "../actions/form";
import { runAction, type TActionResult } from "../actions/safe-action";
import { createDataSource, deleteDataSource, testDataSource, updateDataSource } from "./commands";
import { dataSourceInputFromForm } from "./form-input";
import type { TConnectionResult } from "./prometheus/test-connection";
import type { TDataSourceView } from "./views";

const PAGE = "/admin/datasources";

export type TDataSourceFormState = TActionResult<TDataSourceView> | null;
export type TConnectionTestState = TActionResult<TConnectionResult> | null;

export async function saveDataSourceAction(_prev: TDataSourceFormState, form: FormData): Promise<TDataSourceFormState> {
  const input = dataSourceInputFromForm(formValues(form));
  const result = await runAction("datasources.manage", (user) => ("id" in input ? updateDataSource(user, input) : createDataSource(user, input)));
  if (result.ok) revalidatePath(PAGE);
  return result;
}

export async function deleteDataSourceAction(id: string): Promise<TActionResult<void>> {
  const result = await runAction("datasources.manage", (user) => deleteDataSource(user, id));
  if (result.ok) revalidatePath(PAGE);
  return result;
}

export async function testDataSourceAction(_prev: TConnectionTestState, form: FormData): Promise<TConnectionTestState> {
  return runAction("datasources.manage", (user) => testDataSource(user, dataSourceInputFromForm(formValues(form))));
}
