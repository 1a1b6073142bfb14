/**
 * A local HTTPS proxy that answers every request of a browser itself, offline: CONNECT tunnels end here,
 * in TLS with a self-signed certificate made for the run (the browser is told to accept it), and each
 * request is answered by the test's handler. Firefox uses it for everything, because request
 * interception over WebDriver BiDi is per page and does not see the requests of the extension's
 * background (the paper API) or of tabs the extension opens.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import path from 'node:path';
import tls from 'node:tls';
import type { RequestHandler } from '../driver';

export interface TlsProxy {
  port: number;
  close(): Promise<void>;
}

/** Makes a throwaway certificate for huggingface.co with openssl (present on Debian with ca-certificates). */
function makeCertificate(dir: string): { key: Buffer; cert: Buffer } {
  const key = path.join(dir, 'proxy-key.pem');
  const cert = path.join(dir, 'proxy-cert.pem');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      key,
      '-out',
      cert,
      '-days',
      '7',
      '-subj',
      '/CN=huggingface.co',
      '-addext',
      'subjectAltName=DNS:huggingface.co',
    ],
    { stdio: 'ignore' },
  );
  return { key: readFileSync(key), cert: readFileSync(cert) };
}

export async function startTlsProxy(workDir: string, handle: RequestHandler): Promise<TlsProxy> {
  const credentials = makeCertificate(workDir);
  const sockets = new Set<Socket>();
  const site = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', `https://${req.headers.host ?? 'huggingface.co'}`);
    const reply = await handle(url).catch(() => undefined);
    // The browser may have given up on a slow answer; there is no one left to answer.
    if (res.destroyed || res.writableEnded) return;
    res.on('error', () => undefined);
    const body = reply?.body ?? 'not served in tests';
    res.writeHead(reply?.status ?? 404, {
      'content-type': reply?.contentType ?? (reply ? 'text/html; charset=utf-8' : 'text/plain'),
      'cache-control': 'no-store',
      ...reply?.headers,
    });
    res.end(body);
  });
  // A plain-HTTP request through the proxy: nothing is served over plain HTTP.
  const proxy = http.createServer((_req, res) => {
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not served in tests');
  });
  proxy.on('connect', (_req, socket: Socket, head: Buffer) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
    if (head.length > 0) socket.unshift(head);
    const secure = new tls.TLSSocket(socket, { isServer: true, ...credentials });
    secure.on('error', () => undefined);
    site.emit('connection', secure);
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  return {
    port: (proxy.address() as AddressInfo).port,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      proxy.closeAllConnections();
      await new Promise((resolve) => proxy.close(resolve));
    },
  };
}
