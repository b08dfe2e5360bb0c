// The bare broadcast floor (issue 26): a `ws` server and nothing else. POST /call makes one message the
// size and shape of a ticket.called, serialises it once and sends the same string to every open socket,
// then answers. Run as its own process: node --import tsx tests/bench/floor-broadcast.ts <port>
import http from 'node:http';
import { WebSocketServer, type WebSocket } from 'ws';

const [port] = process.argv.slice(2);
const sockets = new Set<WebSocket>();
const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false });
let n = 0;
const server = http.createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    const ticketId = `floor${++n}`;
    const message = JSON.stringify({
      seq: n,
      type: 'ticket.called',
      ticket: {
        id: ticketId,
        number: `B${String(n).padStart(3, '0')}`,
        categoryId: 'civil',
        status: 'called',
        windowNo: 4,
      },
      call: {
        ticketId,
        number: `B${String(n).padStart(3, '0')}`,
        windowNo: 4,
        windowName: '4号窗口',
        at: new Date().toISOString(),
        recall: false,
        announcement: `请B${String(n).padStart(3, '0')}号到4号窗口办理`,
      },
    });
    for (const s of sockets) s.send(message);
    res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ call: { ticketId } }));
  });
});
server.on('upgrade', (req, socket, head) =>
  wss.handleUpgrade(req, socket, head, (ws) => {
    sockets.add(ws);
    ws.on('close', () => sockets.delete(ws));
    ws.send('{"seq":0,"type":"snapshot"}');
  }),
);
server.listen(Number(port), '127.0.0.1', () => process.stdout.write('READY\n'));
