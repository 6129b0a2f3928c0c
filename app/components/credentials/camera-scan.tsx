import jsQR from "jsqr";
import { useEffect, useRef, useState } from "react";
import { useT } from "~/utils/use-t.ts";

// Reads a QR code from the camera: the browser's BarcodeDetector where it has
// one, jsQR on canvas frames otherwise (decision 068). Calls onCode once.

type Detector = { detect(source: CanvasImageSource): Promise<{ rawValue: string }[]> };
declare global {
  interface Window {
    BarcodeDetector?: new (options: { formats: string[] }) => Detector;
  }
}

export function CameraScan({ onCode }: { onCode: (text: string) => void }) {
  const t = useT();
  const video = useRef<HTMLVideoElement>(null);
  const [on, setOn] = useState(false);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    if (!on) return;
    let stream: MediaStream | null = null;
    let stopped = false;
    const canvas = document.createElement("canvas");
    const detector = window.BarcodeDetector ? new window.BarcodeDetector({ formats: ["qr_code"] }) : null;
    async function read(v: HTMLVideoElement): Promise<string | null> {
      if (detector) return (await detector.detect(v))[0]?.rawValue ?? null;
      canvas.width = v.videoWidth;
      canvas.height = v.videoHeight;
      const ctx = canvas.getContext("2d", { willReadFrequently: true });
      if (!ctx || !canvas.width) return null;
      ctx.drawImage(v, 0, 0);
      const image = ctx.getImageData(0, 0, canvas.width, canvas.height);
      return jsQR(image.data, image.width, image.height)?.data ?? null;
    }
    (async () => {
      try {
        stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" } });
        const v = video.current;
        if (!v || stopped) return;
        v.srcObject = stream;
        await v.play();
        while (!stopped) {
          const text = await read(v).catch(() => null);
          if (text) {
            onCode(text);
            setOn(false);
            return;
          }
          await new Promise((r) => setTimeout(r, 250));
        }
      } catch {
        setFailed(true);
        setOn(false);
      }
    })();
    return () => {
      stopped = true;
      stream?.getTracks().forEach((track) => track.stop());
    };
  }, [on, onCode]);

  return (
    <div className="stack">
      <p>
        <button type="button" className="button button--secondary" onClick={() => setOn(!on)}>
          {on ? t("scan.camera.stop") : t("scan.camera.start")}
        </button>
      </p>
      {failed ? <p className="alert alert--info">{t("scan.camera.unavailable")}</p> : null}
      {on ? <video ref={video} className="scan__video" aria-label={t("scan.camera.video")} muted playsInline /> : null}
    </div>
  );
}
