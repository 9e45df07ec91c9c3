// Follows a task's stream to the end of its runs. Without a known seq it starts with the history
// replay (the view resets first); a dropped connection resumes after the last seen seq with
// Last-Event-ID, so nothing is lost and nothing is shown twice.
import { ApiError } from './api.js';
import { readFrames } from './sse.js';

const TERMINAL = new Set(['done', 'error']);

export class Follower {
  /** handlers: onReset(), onEvent(name, data), onEnd(), onError(error) */
  constructor(api, taskId, handlers) {
    this.api = api;
    this.taskId = taskId;
    this.handlers = handlers;
    this.lastSeq = null;
    this.abort = new AbortController();
    this.running = false;
    this.again = false;
  }

  /** Follows now, or once more after the current run when already following (a queued follow-up). */
  follow() {
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = true;
    this.loop()
      .catch((error) => this.abort.signal.aborted || this.handlers.onError(error))
      .finally(() => {
        this.running = false;
      });
  }

  stop() {
    this.abort.abort();
  }

  async loop() {
    for (let attempt = 0; !this.abort.signal.aborted; ) {
      this.again = false;
      this.progress = false;
      let finished = false;
      try {
        finished = await this.once();
      } catch (error) {
        if (this.abort.signal.aborted) return;
        if (error instanceof ApiError && error.status !== 429 && error.status < 500) throw error;
      }
      if (finished && !this.again) return this.handlers.onEnd();
      if (finished) continue;
      if (this.progress) attempt = 0;
      await pause(Math.min(30_000, 500 * 2 ** attempt++));
    }
  }

  /** One connection; true when the run's end (or a replay of a task at rest) was seen. */
  async once() {
    const res = await this.api.stream(this.taskId, this.lastSeq, this.abort.signal);
    if (res.status === 204) return true;
    if (this.lastSeq === null) this.handlers.onReset();
    let finished = false;
    await readFrames(res, ({ event, data, id }) => {
      if (id) this.lastSeq = Number(id);
      this.progress = true;
      const payload = JSON.parse(data);
      if (TERMINAL.has(event) || (event === 'history_done' && !payload.isStreaming)) finished = true;
      this.handlers.onEvent(event, payload);
    });
    return finished;
  }
}

function pause(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
