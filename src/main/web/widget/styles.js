// The widget's look, applied inside its shadow root as a constructed sheet: the page's CSS does
// not reach in, ours does not leak out, and a page's style-src policy needs no inline styles.
const CSS = `
:host { all: initial; position: fixed; right: 20px; bottom: 20px; z-index: 2147483000;
  font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1f2328; }
* { box-sizing: border-box; }
[hidden] { display: none !important; }
button { font: inherit; cursor: pointer; }
button:disabled { cursor: default; opacity: .5; }
.launcher { width: 56px; height: 56px; border-radius: 50%; border: 0; background: #2f6feb; color: #fff;
  display: grid; place-items: center; box-shadow: 0 4px 14px rgba(0,0,0,.25); }
.launcher svg { width: 28px; height: 28px; }
.panel { position: absolute; right: 0; bottom: 72px; width: min(380px, calc(100vw - 40px));
  height: min(560px, calc(100vh - 120px)); display: flex; flex-direction: column; background: #fff;
  border: 1px solid #d0d7de; border-radius: 12px; box-shadow: 0 8px 28px rgba(0,0,0,.2); overflow: hidden; }
header { display: flex; align-items: center; gap: 8px; padding: 10px 12px; border-bottom: 1px solid #d0d7de; }
header .title { flex: 1; font-weight: 600; }
header button { border: 1px solid #d0d7de; background: #f6f8fa; border-radius: 6px; padding: 2px 8px; }
.transcript { flex: 1; overflow-y: auto; padding: 12px; display: flex; flex-direction: column; gap: 10px; }
.message { max-width: 90%; padding: 8px 10px; border-radius: 10px; overflow-wrap: anywhere; }
.message.user { align-self: flex-end; background: #2f6feb; color: #fff; white-space: pre-wrap; }
.message.assistant { align-self: flex-start; background: #f6f8fa; }
.attached { margin: 4px 0 0; padding-left: 18px; font-size: 12px; opacity: .85; }
.markdown > :first-child { margin-top: 0; } .markdown > :last-child { margin-bottom: 0; }
.markdown pre { overflow-x: auto; background: #eaeef2; padding: 6px; border-radius: 6px; }
.markdown code { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: 12px; }
.thought { font-size: 12px; color: #57606a; font-style: italic; margin-bottom: 4px; }
.thought summary { cursor: pointer; font-weight: 600; }
.tool { font-size: 12px; border-left: 3px solid #8c959f; padding: 2px 8px; margin: 4px 0; }
.tool[data-status=success] { border-color: #1a7f37; } .tool[data-status=error] { border-color: #cf222e; }
.tool[data-status=awaiting_approval] { border-color: #bf8700; }
.tool-name { font-weight: 600; margin-right: 6px; } .tool-status { color: #57606a; }
.tool-args { display: block; color: #57606a; white-space: pre-wrap; }
.tool-output { max-height: 120px; overflow: auto; background: #eaeef2; padding: 4px; margin: 4px 0 0; white-space: pre-wrap; }
.approval { display: flex; gap: 6px; margin-top: 4px; }
.subagent { font-size: 12px; border: 1px solid #d0d7de; border-radius: 6px; padding: 4px 8px; margin: 4px 0; }
.subagent-state, .subagent-thought { color: #57606a; } .subagent-thought { font-style: italic; }
.subagent-tool { border-left: 3px solid #8c959f; padding: 2px 8px; margin: 4px 0; }
.approval button { border-radius: 6px; border: 1px solid #d0d7de; padding: 2px 10px; background: #fff; }
.approval .approve { background: #1a7f37; border-color: #1a7f37; color: #fff; }
.status { font-size: 12px; color: #57606a; }
.error, .notice { color: #cf222e; font-size: 13px; }
.notice { padding: 6px 12px; border-top: 1px solid #d0d7de; }
form { border-top: 1px solid #d0d7de; padding: 8px; display: flex; flex-wrap: wrap; gap: 6px; align-items: flex-end; }
textarea { flex: 1; min-height: 38px; max-height: 120px; resize: none; font: inherit; padding: 8px;
  border: 1px solid #d0d7de; border-radius: 8px; }
form button { display: inline-grid; place-items: center; height: 38px; border-radius: 8px; border: 1px solid #d0d7de; background: #f6f8fa; padding: 0 10px; }
form button[type=submit] { background: #2f6feb; border-color: #2f6feb; color: #fff; }
.files { width: 100%; margin: 0; padding: 0; list-style: none; display: flex; flex-wrap: wrap; gap: 4px; }
.files li { font-size: 12px; background: #eaeef2; border-radius: 10px; padding: 1px 4px 1px 8px; }
.files button { border: 0; background: none; padding: 0 4px; }
.file-input { position: absolute; width: 1px; height: 1px; opacity: 0; }
`;

let sheet;

export function styles() {
  if (!sheet) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(CSS);
  }
  return sheet;
}
