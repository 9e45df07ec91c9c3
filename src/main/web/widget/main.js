// Mounts the widget on the page: a host element with a shadow root holding the launcher and panel.
import { TaskApi } from '../lib/api.js';
import { TokenSource } from '../lib/tokens.js';
import { Transcript } from '../lib/transcript.js';
import { Conversation } from './conversation.js';
import { styles } from './styles.js';
import { buildView } from './view.js';

/**
 * options: baseUrl (agentd's address), getToken (a function resolving to a widget token, or to
 * {token, expiresAt}, from the page's backend), title, autoExecute, open.
 */
export function mount({ baseUrl, getToken, title = 'Assistant', autoExecute, open = false }) {
  if (typeof getToken !== 'function') throw new TypeError('AgentdWidget.init needs getToken: a function that returns a token');
  const host = document.createElement('agentd-widget');
  const root = host.attachShadow({ mode: 'open' });
  root.adoptedStyleSheets = [styles()];

  const tokens = new TokenSource(getToken);
  const api = new TaskApi(baseUrl, tokens);
  let conversation;
  const view = buildView(root, {
    title,
    onSend: (message, files) => conversation.send(message, files),
    onNewConversation: () => conversation.startOver(),
    onOpen: () => conversation.resume(),
  });
  const transcript = new Transcript(view.transcript, { onApprove: (callId, outcome) => conversation.approve(callId, outcome) });
  conversation = new Conversation(api, transcript, {
    storageKey: `agentd-widget:${new URL(baseUrl).origin}`,
    autoExecute,
    notify: view.notify,
  });
  document.body.append(host);
  if (open) view.setOpen(true);

  return {
    open: () => view.setOpen(true),
    close: () => view.setOpen(false),
    destroy() {
      conversation.startOver();
      tokens.stop();
      host.remove();
    },
  };
}
