// The camera: the rear camera's live picture, one frame at a time into a canvas, each frame
// given to the QR decoder until one decodes; the torch where the phone has one.

/** A running camera scan; `stop()` releases the camera. */
export class Scanner {
  constructor(video, canvas) {
    this.video = video;
    this.canvas = canvas;
    this.stream = null;
    this.running = false;
    this.torchOn = false;
  }

  /** Opens the rear camera (`facingMode: environment`, the front one where there is none). */
  async start() {
    this.stream = await navigator.mediaDevices.getUserMedia({
      audio: false,
      video: { facingMode: { ideal: "environment" }, width: { ideal: 1280 }, height: { ideal: 720 } },
    });
    this.video.srcObject = this.stream;
    await this.video.play();
    this.running = true;
  }

  /** Whether the camera has a torch the page can switch (Chrome on Android). */
  hasTorch() {
    const track = this.stream?.getVideoTracks()[0];
    const capabilities = track?.getCapabilities?.() ?? {};
    return Boolean(capabilities.torch);
  }

  /** Switches the torch; returns whether it is on. */
  async toggleTorch() {
    const track = this.stream?.getVideoTracks()[0];
    if (!track) return false;
    this.torchOn = !this.torchOn;
    await track.applyConstraints({ advanced: [{ torch: this.torchOn }] });
    return this.torchOn;
  }

  /** The current frame's pixels, scaled so that its longer side is at most `maxSide`. */
  frame(maxSide = 1280) {
    const { videoWidth: w, videoHeight: h } = this.video;
    if (!w || !h) return null;
    const scale = Math.min(1, maxSide / Math.max(w, h));
    const width = Math.round(w * scale);
    const height = Math.round(h * scale);
    this.canvas.width = width;
    this.canvas.height = height;
    const context = this.canvas.getContext("2d", { willReadFrequently: true });
    context.drawImage(this.video, 0, 0, width, height);
    return context.getImageData(0, 0, width, height);
  }

  /**
   * Calls `decode(imageData)` on frame after frame until it answers a text; resolves with
   * `{ text, frameAt }` (frameAt: `performance.now()` when that frame was taken), or null once
   * stopped.
   */
  async scan(decode) {
    while (this.running) {
      const frameAt = performance.now();
      const image = this.frame();
      if (image) {
        const text = await decode(image);
        if (text) return { text, frameAt };
      }
      await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 30)));
    }
    return null;
  }

  /** Stops the scan and releases the camera. */
  stop() {
    this.running = false;
    for (const track of this.stream?.getTracks() ?? []) track.stop();
    this.stream = null;
    this.video.srcObject = null;
  }
}
