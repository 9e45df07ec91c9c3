// Server-sent events read from a fetch response, so that requests can carry an Authorization
// header (EventSource cannot). Frames follow the SSE format: event, data and id lines, a blank
// line ending each frame, comment lines starting with a colon.

/** Calls onFrame({event, data, id}) for every frame of the response body until it ends. */
export async function readFrames(response, onFrame) {
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  let frame = {};
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += value;
    let end;
    while ((end = buffer.indexOf('\n')) >= 0) {
      const line = buffer.slice(0, end).replace(/\r$/, '');
      buffer = buffer.slice(end + 1);
      if (line === '') {
        if (frame.data !== undefined) onFrame({ event: frame.event ?? 'message', data: frame.data, id: frame.id });
        frame = {};
      } else if (!line.startsWith(':')) {
        field(frame, line);
      }
    }
  }
}

function field(frame, line) {
  const colon = line.indexOf(':');
  const name = colon < 0 ? line : line.slice(0, colon);
  let value = colon < 0 ? '' : line.slice(colon + 1);
  if (value.startsWith(' ')) value = value.slice(1);
  if (name === 'data') frame.data = frame.data === undefined ? value : `${frame.data}\n${value}`;
  else if (name === 'event') frame.event = value;
  else if (name === 'id') frame.id = value;
}
