import { runInNewContext } from 'node:vm';
import WebSocket from 'ws';

/** The contract's JavaScript WebSocket example, character for character. */
export const CONTRACT_WS_EXAMPLE = `
// Connect to WebSocket with authentication
const token = "YOUR_ACCESS_TOKEN";
const ws = new WebSocket(\`ws://localhost:8000/ws?token=\${token}\`);

// Connection opened
ws.onopen = (event) => {
  console.log("WebSocket connected");
  
  // Subscribe to task updates
  ws.send(JSON.stringify({
    type: "subscribe",
    task_id: "aa0e8400-e29b-41d4-a716-446655440005"
  }));
};

// Listen for messages
ws.onmessage = (event) => {
  const data = JSON.parse(event.data);
  console.log("Received:", data);
  
  if (data.type === "task_update") {
    console.log(\`Task \${data.task_id} status: \${data.status}\`);
    if (data.status === "completed") {
      console.log("Result:", data.result);
    }
  }
};

// Handle errors
ws.onerror = (error) => {
  console.error("WebSocket error:", error);
};

// Connection closed
ws.onclose = (event) => {
  console.log("WebSocket disconnected");
};
`;

/**
 * Runs the example with only its placeholders filled in (token, host and task id), using the `ws`
 * package as the browser's WebSocket, and returns what it logged plus a way to close it.
 */
export function runContractWsExample(baseUrl: string, token: string, taskId: string) {
  const source = CONTRACT_WS_EXAMPLE.replace('YOUR_ACCESS_TOKEN', token)
    .replace('ws://localhost:8000', baseUrl.replace('http://', 'ws://'))
    .replace('aa0e8400-e29b-41d4-a716-446655440005', taskId);
  const logged: unknown[][] = [];
  const console = { log: (...args: unknown[]) => logged.push(args), error: (...args: unknown[]) => logged.push(args) };
  const sandbox: { WebSocket: typeof WebSocket; console: typeof console; JSON: typeof JSON; ws?: WebSocket } = { WebSocket, console, JSON };
  runInNewContext(`${source}\nthis.ws = ws;`, sandbox);
  return { logged, close: () => sandbox.ws?.close() };
}
