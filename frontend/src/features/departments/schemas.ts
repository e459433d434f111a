import { z } from "zod";
import type { Department, DepartmentBody } from "./queries";

/** Same limits as the API (DepartmentCreate): name 1..120, lead up to 120, KPI up to 300. */
export const departmentSchema = z.object({
  name: z
    .string()
    .trim()
    .min(1, "Give the department a name.")
    .max(120, "Keep the name to 120 characters or fewer."),
  lead_name: z.string().trim().max(120, "Keep the lead's name to 120 characters or fewer."),
  kpi: z.string().trim().max(300, "Keep the KPI to 300 characters or fewer."),
});

export type DepartmentValues = z.input<typeof departmentSchema>;

export const emptyDepartment: DepartmentValues = { name: "", lead_name: "", kpi: "" };

export function departmentValues(department: Department): DepartmentValues {
  return { name: department.name, lead_name: department.lead_name, kpi: department.kpi };
}

export function departmentBody(values: DepartmentValues): DepartmentBody {
  const parsed = departmentSchema.parse(values);
  return { name: parsed.name, lead_name: parsed.lead_name, kpi: parsed.kpi };
}

// The page's URL search lives in ./search (no zod: it ships with the app's first script).
export { type DepartmentsSearch, parseDepartmentsSearch, searchText } from "./search";
