// The baseline of `npm run bench`: a bare socket.io server in its own process, with the app's
// socket options, that broadcasts whatever is POSTed to /emit to every client — the least any
// server built on socket.io can do for "submit → every screen". Its port goes to the parent.
import { createServer } from 'node:http';
import { Server } from 'socket.io';

const http = createServer((request, response) => {
	if (request.method !== 'POST' || request.url !== '/emit') {
		response.writeHead(404).end();
		return;
	}
	const chunks: Buffer[] = [];
	request.on('data', (chunk: Buffer) => chunks.push(chunk));
	request.on('end', () => {
		io.emit('activity:created', JSON.parse(Buffer.concat(chunks).toString('utf8')));
		response.writeHead(201, { 'Content-Type': 'application/json' }).end('{}');
	});
});
const io = new Server(http, {
	maxHttpBufferSize: 16 * 1024,
	serveClient: false,
	pingInterval: 5000,
	pingTimeout: 5000
});
http.listen(0, '127.0.0.1', () => {
	const address = http.address();
	process.send!({ port: typeof address === 'object' && address ? address.port : 0 });
});
process.on('message', () => {
	void io.close();
	process.exit(0);
});
