// The lesson page's small enhancements, as plain DOM code: the React page calls
// them from hooks (after client-side navigation), and a lesson *document* (not
// hydrated, decision 070) runs them from one inline script with the CSP nonce,
// built from these very functions' source. So they must stay self-contained: no
// imports, nothing from module scope, only their parameters and the DOM.

export type CheckTexts = { correct: string; wrong: string; done: string };

/**
 * The knowledge checks (static HTML; without JavaScript each is a form that posts
 * its answer): choosing an option gives feedback at once and `post`s the answer,
 * so the server records it and the lesson's status updates. Checks already
 * answered correctly say so. Returns the undo (for a React effect's cleanup).
 */
export function enhanceKnowledgeChecks(
  root: HTMLElement,
  answered: readonly number[],
  texts: CheckTexts,
  post: (data: FormData, check: string) => void,
): () => void {
  const offs = Array.from(root.querySelectorAll<HTMLElement>("[data-knowledge-check]")).map((check) => {
    const feedback = check.querySelector<HTMLElement>(".knowledge-check__feedback");
    const form = check.querySelector<HTMLFormElement>("form.knowledge-check__form");
    const show = (text: string, right: boolean) => {
      if (!feedback) return;
      feedback.textContent = text;
      feedback.hidden = false;
      feedback.classList.toggle("knowledge-check__feedback--correct", right);
      feedback.classList.toggle("knowledge-check__feedback--wrong", !right);
      check.classList.add("knowledge-check--answered");
    };
    if (check.dataset.check !== undefined && answered.includes(Number(check.dataset.check)) && feedback?.hidden) show(texts.done, true);
    const send = (input: HTMLInputElement) => {
      if (!form) return;
      const data = new FormData(form);
      data.set("option", input.value);
      post(data, check.dataset.check ?? "");
    };
    const onChange = (event: Event) => {
      const input = event.target;
      if (!(input instanceof HTMLInputElement) || input.type !== "radio") return;
      const right = input.dataset.correct === "true";
      show(right ? texts.correct : texts.wrong, right);
      send(input);
    };
    const onSubmit = (event: Event) => {
      event.preventDefault();
      const chosen = form?.querySelector<HTMLInputElement>("input[type=radio]:checked");
      if (chosen) send(chosen);
    };
    const button = form?.querySelector<HTMLButtonElement>(".knowledge-check__submit");
    if (button) button.hidden = true;
    check.addEventListener("change", onChange);
    form?.addEventListener("submit", onSubmit);
    check.dataset.ready = "true"; // lets browser tests wait for the enhancement
    return () => {
      check.removeEventListener("change", onChange);
      form?.removeEventListener("submit", onSubmit);
      if (button) button.hidden = false;
      delete check.dataset.ready;
    };
  });
  return () => offs.forEach((off) => off());
}

/** Printing a lesson prints every answer: open the closed <details> in `root`, close them again afterwards. */
export function printOpensDetails(root: HTMLElement): () => void {
  let opened: HTMLDetailsElement[] = [];
  const before = () => {
    opened = Array.from(root.querySelectorAll<HTMLDetailsElement>("details:not([open])"));
    opened.forEach((d) => (d.open = true));
  };
  const after = () => {
    opened.forEach((d) => (d.open = false));
    opened = [];
  };
  window.addEventListener("beforeprint", before);
  window.addEventListener("afterprint", after);
  return () => {
    window.removeEventListener("beforeprint", before);
    window.removeEventListener("afterprint", after);
  };
}

/**
 * A lesson document's script: the enhancements above, where an answer is posted
 * as the plain form would be (the action redirects back to the lesson) and the
 * page's status section is replaced by the one in the answer — answers are
 * posted one after another and only the newest one's status is shown.
 */
export function lessonDocumentScript(texts: CheckTexts): string {
  const run = (enhance: typeof enhanceKnowledgeChecks, print: typeof printOpensDetails, words: CheckTexts) => {
    const root = document.getElementById("lesson-body");
    if (!root) return;
    const answered = (root.dataset.answered ?? "").split(",").filter(Boolean).map(Number);
    let latest = 0;
    // One answer at a time: the page the newest answer redirects to is read after every earlier
    // answer is recorded, so its status counts them all (two at once could each miss the other).
    let queue: Promise<unknown> = Promise.resolve();
    enhance(root, answered, words, (data) => {
      const mine = ++latest;
      // URL-encoded, as the plain form (pages take no multipart bodies but uploads, server/request-guard.ts).
      const body = new URLSearchParams(data as unknown as Record<string, string>);
      queue = queue
        .then(() => fetch(window.location.pathname, { method: "POST", body, credentials: "same-origin" }))
        .then((response) => (response.ok ? response.text() : null))
        .then((html) => {
          const fresh = html && new DOMParser().parseFromString(html, "text/html").getElementById("lesson-status");
          const status = document.getElementById("lesson-status");
          if (mine === latest && fresh && status) status.replaceWith(document.importNode(fresh, true));
        })
        // A page left before the answer came back (the answer itself is recorded or not, as a form's).
        .catch(() => undefined);
    });
    print(root);
  };
  const json = (value: unknown) => JSON.stringify(value).replace(/</g, "\\u003c");
  return `(${run.toString()})(${enhanceKnowledgeChecks.toString()}, ${printOpensDetails.toString()}, ${json(texts)});`;
}
