// Subagents at work inside a run: one group per delegation, with its objective, its thoughts, its
// tool calls as they start and end, and how it ended (the subagent_* events of the stream).
import { h } from './dom.js';

const LONG_OUTPUT = 600;

export class Subagents {
  /** place(element) puts a new group where the run's next element goes. */
  constructor(place) {
    this.place = place;
    this.open = new Map();
  }

  reset() {
    this.open.clear();
  }

  /** Whether the event was one of theirs (and shown). */
  event(name, data) {
    switch (name) {
      case 'subagent_start':
        return this.start(data);
      case 'subagent_thought':
        return this.line(data.agentName, h('div', { class: 'subagent-thought' }, data.text));
      case 'subagent_tool':
        return this.tool(data);
      case 'subagent_end':
        return this.end(data);
      default:
        return false;
    }
  }

  start({ agentName, displayName, description, objective }) {
    const state = h('span', { class: 'subagent-state' }, 'working');
    const group = h(
      'div',
      { class: 'subagent', role: 'group', 'aria-label': `Subagent ${agentName}`, 'data-agent': agentName },
      h('div', { class: 'subagent-head', title: description ?? '' }, h('strong', {}, displayName || agentName), ' ', state),
      h('div', { class: 'subagent-objective' }, objective),
    );
    this.open.set(agentName, { group, state, tools: [] });
    this.place(group);
    return true;
  }

  line(agentName, element) {
    const open = this.open.get(agentName);
    if (!open) return false;
    open.group.append(element);
    return true;
  }

  tool({ agentName, status, toolName, output }) {
    const open = this.open.get(agentName);
    if (!open) return false;
    if (status === 'start') {
      const tool = h('div', { class: 'subagent-tool', 'data-status': 'running' }, h('span', { class: 'tool-name' }, toolName));
      open.tools.push(tool);
      open.group.append(tool);
      return true;
    }
    const tool = open.tools.find((t) => t.dataset.status === 'running') ?? open.tools.at(-1);
    if (!tool) return false;
    tool.dataset.status = 'done';
    if (output) {
      const pre = h('pre', { class: 'tool-output' }, output);
      tool.append(output.length <= LONG_OUTPUT ? pre : h('details', {}, h('summary', {}, 'Output'), pre));
    }
    return true;
  }

  end({ agentName, terminateReason, result }) {
    const open = this.open.get(agentName);
    if (!open) return false;
    open.state.textContent = terminateReason === 'GOAL' ? 'done' : terminateReason.toLowerCase().replace('_', ' ');
    open.group.dataset.end = terminateReason;
    if (result) open.group.append(h('details', { class: 'subagent-result' }, h('summary', {}, 'Answer'), result));
    this.open.delete(agentName);
    return true;
  }
}
