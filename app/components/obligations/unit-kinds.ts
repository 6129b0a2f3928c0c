/** Unit kinds in the order of the tree (the UnitKind enum of schema.prisma). */
export const UNIT_KINDS = ["PROVINCE", "DEPARTMENT", "AGENCY", "POLICE", "POST_OFFICE", "COMMUNE_POST_OFFICE", "STATION"] as const;
