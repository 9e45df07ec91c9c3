// A conversation as the user sees it: messages from history and the live events of a run
// (text as it streams, thoughts, tool calls with their approvals, status, errors).
import { h, perFrame } from './dom.js';
import { renderMarkdown } from './markdown.js';
import { Subagents } from './subagents.js';

const STATUS_TEXT = { processing: 'Working…', queued: 'Queued…' };
const LONG_OUTPUT = 600;

/** The buttons of an awaiting call: [label, outcome, class]. */
export const SIMPLE_APPROVALS = [
  ['Approve', 'proceed_once', 'approve'],
  ['Deny', 'cancel', 'deny'],
];

export class Transcript {
  /** onApprove(callId, outcome) answers an approval; it resolves once the server took it. */
  constructor(container, { onApprove, approvals = SIMPLE_APPROVALS }) {
    this.container = container;
    this.onApprove = onApprove;
    this.approvals = approvals;
    this.subagents = new Subagents((element) => {
      this.text = null;
      this.current().append(element);
    });
    this.reset();
  }

  reset() {
    this.container.replaceChildren();
    this.turn = null;
    this.tools = new Map();
    this.status = null;
    this.subagents.reset();
  }

  userMessage(content, attachedFiles = []) {
    this.endTurn();
    const files = attachedFiles.map((file) => h('li', {}, file.name));
    this.append(
      h('div', { class: 'message user' }, h('div', { class: 'text' }, content), files.length ? h('ul', { class: 'attached' }, files) : null),
    );
  }

  /** One event of the stream, as task-api.md §9 names them. */
  event(name, data) {
    switch (name) {
      case 'history_message':
        return this.historyMessage(data);
      case 'status':
        return this.showStatus(data.status === 'retrying' || data.status === 'restoring' ? data.message : STATUS_TEXT[data.status] ?? data.message);
      case 'thought':
        this.text = null;
        return this.current().append(h('details', { class: 'thought' }, h('summary', {}, data.subject || 'Thinking'), data.description ?? ''));
      case 'content':
        return this.appendText(data.text);
      case 'tool_call':
        return this.toolCall(data);
      case 'tool_result':
        return this.toolResult(data);
      case 'error':
        this.endTurn();
        return this.append(h('div', { class: 'error', role: 'alert' }, data.message ?? data.code));
      case 'done':
        return this.endTurn();
      default:
        return this.subagents.event(name, data) || undefined;
    }
  }

  historyMessage(message) {
    if (message.role === 'user') return this.userMessage(message.content, message.attachedFiles ?? []);
    this.endTurn();
    for (const call of message.toolCalls ?? []) this.toolResult(call, this.toolCall(call));
    this.appendText(message.content);
    this.endTurn();
  }

  toolCall({ callId, toolName, status, args }) {
    let tool = this.tools.get(callId);
    if (!tool) {
      tool = h('div', { class: 'tool', 'data-call-id': callId }, h('span', { class: 'tool-name' }, toolName), h('span', { class: 'tool-status' }));
      if (args && Object.keys(args).length) tool.append(h('code', { class: 'tool-args' }, summary(args)));
      this.tools.set(callId, tool);
      this.current().append(tool);
      this.text = null;
    }
    this.setToolStatus(tool, status);
    tool.querySelector('.approval')?.remove();
    if (status === 'awaiting_approval') tool.append(this.approval(callId, toolName));
    return tool;
  }

  toolResult({ callId, status, output }, tool = this.tools.get(callId)) {
    if (!tool || !status || status === 'executing' || status === 'awaiting_approval') return;
    this.setToolStatus(tool, status);
    tool.querySelector('.approval')?.remove();
    if (!output) return;
    const pre = h('pre', { class: 'tool-output' }, output);
    if (output.length <= LONG_OUTPUT) tool.append(pre);
    else tool.append(h('details', { class: 'long-output' }, h('summary', {}, `Output (${output.split('\n').length} lines)`), pre));
  }

  approval(callId, toolName) {
    const answer = (outcome) => async (event) => {
      const buttons = event.currentTarget.parentElement.querySelectorAll('button');
      buttons.forEach((button) => (button.disabled = true));
      try {
        await this.onApprove(callId, outcome);
      } catch {
        buttons.forEach((button) => (button.disabled = false));
      }
    };
    return h(
      'div',
      { class: 'approval', role: 'group', 'aria-label': `Approve ${toolName}?` },
      this.approvals.map(([label, outcome, kind]) => h('button', { type: 'button', class: kind, onclick: answer(outcome) }, label)),
    );
  }

  setToolStatus(tool, status) {
    tool.dataset.status = status;
    tool.querySelector('.tool-status').textContent = status.replace('_', ' ');
  }

  appendText(text) {
    if (!text) return;
    const turn = this.current();
    if (!this.text) {
      const segment = { element: h('div', { class: 'text markdown' }), source: '' };
      segment.render = perFrame(() => {
        segment.element.replaceChildren(renderMarkdown(segment.source));
      });
      this.text = segment;
      turn.append(segment.element);
    }
    this.text.source += text;
    this.text.render();
    this.showStatus(null);
  }

  /** The assistant message being written, made on its first event. */
  current() {
    if (!this.turn) {
      this.turn = h('div', { class: 'message assistant' });
      this.text = null;
      this.append(this.turn);
    }
    return this.turn;
  }

  endTurn() {
    this.turn = null;
    this.text = null;
    this.showStatus(null);
  }

  showStatus(text) {
    this.status?.remove();
    this.status = text ? h('div', { class: 'status', role: 'status' }, text) : null;
    if (this.status) this.append(this.status);
  }

  append(element) {
    const atBottom = this.container.scrollHeight - this.container.scrollTop - this.container.clientHeight < 40;
    if (this.status && element !== this.status) this.container.insertBefore(element, this.status);
    else this.container.append(element);
    if (atBottom) this.container.scrollTop = this.container.scrollHeight;
  }
}

function summary(args) {
  const text = Object.entries(args)
    .map(([name, value]) => `${name}: ${typeof value === 'string' ? value : JSON.stringify(value)}`)
    .join(', ');
  return text.length > 200 ? `${text.slice(0, 199)}…` : text;
}
