// Strings of the learn pages.
export const learn = {
  vi: {
    "learn.placeholder": "—",
  },
  en: {
    "learn.placeholder": "—",
  },
} as const;
