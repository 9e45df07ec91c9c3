// One end user's conversation: the first message creates a task, later ones are follow-ups of it,
// and the task's stream is followed while it runs. The task id is kept for the browser session so
// that a reload shows the same conversation.
import { ApiError } from '../lib/api.js';
import { Follower } from '../lib/follow.js';

export class Conversation {
  constructor(api, transcript, { storageKey, autoExecute, notify }) {
    this.api = api;
    this.transcript = transcript;
    this.storageKey = storageKey;
    this.autoExecute = autoExecute;
    this.notify = notify;
    this.follower = null;
  }

  /** Shows the conversation of this browser session, if there is one. */
  resume() {
    const taskId = sessionStorage.getItem(this.storageKey);
    if (taskId && !this.follower) this.followTask(taskId);
  }

  async send(message, files) {
    this.notify(null);
    this.transcript.userMessage(message, files);
    try {
      if (this.follower) {
        await this.api.followUp(this.follower.taskId, { message, files });
      } else {
        const task = await this.api.createTask({ message, files, autoExecute: this.autoExecute });
        sessionStorage.setItem(this.storageKey, task.id);
        this.followTask(task.id);
        return;
      }
      this.follower.follow();
    } catch (error) {
      this.fail(error);
    }
  }

  approve(callId, outcome) {
    return this.api.approve(this.follower.taskId, callId, outcome).catch((error) => {
      this.fail(error);
      throw error;
    });
  }

  startOver() {
    this.follower?.stop();
    this.follower = null;
    sessionStorage.removeItem(this.storageKey);
    this.transcript.reset();
    this.notify(null);
  }

  followTask(taskId) {
    this.follower = new Follower(this.api, taskId, {
      onReset: () => this.transcript.reset(),
      onEvent: (name, data) => this.transcript.event(name, data),
      onEnd: () => {},
      onError: (error) => (error.status === 404 ? this.startOver() : this.fail(error)),
    });
    this.follower.follow();
  }

  fail(error) {
    if (error instanceof ApiError) this.notify(error.message);
    else this.notify('The assistant cannot be reached from this page.');
  }
}
