// Strings of the trainer pages.
export const trainer = {
  vi: {
    "trainer.placeholder": "—",
  },
  en: {
    "trainer.placeholder": "—",
  },
} as const;
