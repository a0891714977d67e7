// Runs INSIDE a replica of the team profile (`docker exec -i CID node - TOOL ARGS_JSON < team_probe.cjs`),
// with node alone (the image has no shell, no client tools): one MCP session on the replica's own
// port in raw Streamable HTTP, one tool call. Prints {isError, structured, text} as one JSON line,
// so checks_team.sh can preview on one replica and confirm on the other.
const [tool, argsJson] = process.argv.slice(process.argv[1] === '-' ? 2 : 1);
const url = 'http://127.0.0.1:8080/mcp';

async function post(body, sid) {
  const headers = { 'content-type': 'application/json', accept: 'application/json, text/event-stream' };
  if (sid) Object.assign(headers, { 'mcp-session-id': sid, 'mcp-protocol-version': '2025-06-18' });
  const res = await fetch(url, { method: 'POST', headers, body: JSON.stringify(body) });
  const text = await res.text();
  const sse = (res.headers.get('content-type') || '').includes('text/event-stream');
  const messages = sse
    ? text.split('\n').filter((l) => l.startsWith('data:')).map((l) => JSON.parse(l.slice(5)))
    : text.trim() ? [JSON.parse(text)] : [];
  return { sid: res.headers.get('mcp-session-id'), messages, status: res.status };
}

(async () => {
  const init = await post({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'team-probe', version: '1' } } });
  if (!init.sid) throw new Error(`no session (HTTP ${init.status})`);
  await post({ jsonrpc: '2.0', method: 'notifications/initialized' }, init.sid);
  const call = await post({ jsonrpc: '2.0', id: 2, method: 'tools/call', params: { name: tool, arguments: JSON.parse(argsJson) } }, init.sid);
  const answer = call.messages.find((m) => m.id === 2);
  if (!answer || !answer.result) throw new Error(`no result: ${JSON.stringify(call.messages).slice(0, 500)}`);
  const r = answer.result;
  const text = (r.content || []).filter((c) => c.type === 'text').map((c) => c.text).join('\n');
  console.log(JSON.stringify({ isError: r.isError === true, structured: r.structuredContent || {}, text }));
})().catch((err) => {
  console.error(`team probe failed: ${err.message}`);
  process.exit(1);
});
