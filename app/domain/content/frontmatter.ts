import { z } from "zod";

export const LessonFrontmatterSchema = z.object({
  title: z.string().trim().min(3).max(160),
  summary: z.string().trim().min(10).max(400),
  minutes: z.coerce.number().int().min(1).max(180),
});
export type LessonFrontmatter = z.infer<typeof LessonFrontmatterSchema>;

export const CourseFileSchema = z.object({
  slug: z.string().regex(/^[a-z0-9-]{3,80}$/),
  order: z.number().int().min(0),
  title: z.string().min(3).max(160),
  description: z.string().min(10).max(1000),
  audience: z.array(z.enum(["ALL", "AGENCY_CLERK", "POSTAL_STAFF"])).min(1),
});
export type CourseFile = z.infer<typeof CourseFileSchema>;

export const AUDIENCES = ["ALL", "AGENCY_CLERK", "POSTAL_STAFF"] as const;
export type Audience = (typeof AUDIENCES)[number];

/** Which courses a person sees: everyone's, plus their side of the network. */
export function audiencesFor(unitKindPath: readonly string[]): Audience[] {
  const postal = unitKindPath.some((k) => k === "POST_OFFICE" || k === "COMMUNE_POST_OFFICE" || k === "STATION");
  return ["ALL", postal ? "POSTAL_STAFF" : "AGENCY_CLERK"];
}
