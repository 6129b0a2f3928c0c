// Strings of the audit-log pages.
export const audit = {
  vi: {
    "audit.title": "Nhật ký kiểm toán",
  },
  en: {
    "audit.title": "Audit log",
  },
} as const;
