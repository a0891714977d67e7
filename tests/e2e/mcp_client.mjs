#!/usr/bin/env node
// First MCP client of the e2e suite: the official SDK's Client over Streamable HTTP (the SDK comes
// from server/node_modules, the copy the server is built against). One command per run, so each
// e2e check is one process with one exit code:
//   tools NAME...          list tools (all pages); fail unless every NAME is present
//   call NAME JSON         call a tool; print its structured result; fail on isError
//   confirmed-write        search_tickets -> create_note preview -> execute with the token
//                          -> replaying the used token is refused
// Environment: MCP_URL (default http://127.0.0.1:8080/mcp), MCP_TOKEN (bearer, optional).
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const here = path.dirname(fileURLToPath(import.meta.url));
const requireFromServer = createRequire(path.join(here, '..', '..', 'server', 'package.json'));
const { Client } = requireFromServer('@modelcontextprotocol/sdk/client/index.js');
const { StreamableHTTPClientTransport } = requireFromServer('@modelcontextprotocol/sdk/client/streamableHttp.js');

const url = new URL(process.env.MCP_URL ?? 'http://127.0.0.1:8080/mcp');
const token = process.env.MCP_TOKEN;

function fail(message) {
  console.error(`FAIL: ${message}`);
  process.exitCode = 1;
}

async function connect() {
  const headers = token ? { Authorization: `Bearer ${token}` } : {};
  const client = new Client({ name: 'autotask-mcp-e2e', version: '1.0.0' });
  await client.connect(new StreamableHTTPClientTransport(url, { requestInit: { headers } }));
  return client;
}

async function listAllTools(client) {
  const tools = [];
  let cursor;
  do {
    const page = await client.listTools(cursor ? { cursor } : {});
    tools.push(...page.tools);
    cursor = page.nextCursor;
  } while (cursor);
  return tools;
}

function textOf(result) {
  return (result.content ?? []).filter((c) => c.type === 'text').map((c) => c.text).join('\n');
}

async function call(client, name, args) {
  const result = await client.callTool({ name, arguments: args });
  if (result.isError) throw new Error(`${name} returned isError: ${textOf(result).slice(0, 500)}`);
  return result;
}

async function confirmedWrite(client) {
  const search = await call(client, 'search_tickets', { limit: 1 });
  // Results are tables: the first row's id column.
  const sc0 = search.structuredContent ?? {};
  const ticket = Array.isArray(sc0.rows) && sc0.rows.length ? { id: sc0.rows[0][(sc0.columns ?? []).indexOf('id')] } : undefined;
  if (!ticket || typeof ticket.id !== 'number') throw new Error(`search_tickets found no ticket: ${textOf(search).slice(0, 300)}`);
  const args = { parentType: 'ticket', parentId: ticket.id, title: 'e2e check', text: `Written by the e2e suite at ${new Date().toISOString()}` };

  const preview = await call(client, 'create_note', args);
  const sc = preview.structuredContent ?? {};
  if (sc.status !== 'confirmation_required' || typeof sc.confirmationToken !== 'string') {
    throw new Error(`first call did not ask for confirmation: ${JSON.stringify(sc).slice(0, 300)}`);
  }
  console.log(`preview: ${textOf(preview).split('\n')[0]}`);

  const done = await call(client, 'create_note', { ...args, confirmationToken: sc.confirmationToken });
  if (done.structuredContent?.status !== 'done' || typeof done.structuredContent?.id !== 'number') {
    throw new Error(`confirmed call did not execute: ${JSON.stringify(done.structuredContent).slice(0, 300)}`);
  }
  console.log(`executed: note ${done.structuredContent.id} on ticket ${ticket.id}`);

  const replay = await client.callTool({ name: 'create_note', arguments: { ...args, confirmationToken: sc.confirmationToken } });
  if (!replay.isError && replay.structuredContent?.status === 'done') throw new Error('a used confirmation token executed the write a second time');
  console.log('replayed token refused');
}

async function main() {
  const [command, ...rest] = process.argv.slice(2);
  const client = await connect();
  try {
    if (command === 'tools') {
      const names = (await listAllTools(client)).map((t) => t.name);
      console.log(`${names.length} tools: ${names.join(', ')}`);
      const missing = rest.filter((n) => !names.includes(n));
      if (missing.length) fail(`missing tools: ${missing.join(', ')}`);
    } else if (command === 'call') {
      const result = await call(client, rest[0], JSON.parse(rest[1] ?? '{}'));
      console.log(JSON.stringify(result.structuredContent ?? textOf(result)));
    } else if (command === 'confirmed-write') {
      await confirmedWrite(client);
    } else {
      fail(`unknown command ${command}`);
    }
  } finally {
    await client.close();
  }
}

main().catch((err) => {
  fail(err instanceof Error ? err.message : String(err));
});
