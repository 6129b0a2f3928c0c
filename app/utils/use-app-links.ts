import { useEffect, type RefObject } from "react";
import { useNavigate } from "react-router";

/**
 * Plain same-origin links inside `ref` (HTML rendered once and kept, decision 078)
 * navigate in the app on a click, as a <Link> would; a modified click, a new
 * window or a download is the browser's. Without JavaScript they are plain links.
 */
export function useAppLinks(ref: RefObject<HTMLElement | null>) {
  const navigate = useNavigate();
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const onClick = (event: MouseEvent) => {
      if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      const link = event.target instanceof Element ? event.target.closest("a[href]") : null;
      if (!(link instanceof HTMLAnchorElement) || link.target || link.hasAttribute("download")) return;
      const url = new URL(link.href);
      if (url.origin !== window.location.origin) return;
      event.preventDefault();
      void navigate(url.pathname + url.search + url.hash);
    };
    element.addEventListener("click", onClick);
    return () => element.removeEventListener("click", onClick);
  }, [ref, navigate]);
}
