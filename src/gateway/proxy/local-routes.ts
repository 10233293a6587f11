import type { IncomingMessage, ServerResponse } from 'node:http';
import { escapeHtml } from '../../engine/text/escape-html.js';
import { infoPage } from './gateway-pages.js';
import { sendPage } from './handle-request.js';
import { overrideCookie } from './override-cookie.js';
import { htmlResponse } from './pages/html-response.js';
import { renderCaPage } from './pages/render-ca-page.js';
import { renderLayout } from './pages/render-layout.js';
import { renderPac } from './pages/render-pac.js';
import { type LinkPayload, verifyLink } from './pages/signed-link.js';
import { clientAddressOf } from './server.js';
import type { WarnOverrides } from './warn-overrides.js';

/** What the gateway's own routes need. */
export interface LocalRoutesDeps {
  readonly schoolName: string;
  readonly gatewayOrigin: string;
  readonly proxyHost: string;
  readonly proxyPort: number;
  readonly linkSecret: string;
  readonly overrideMinutes: number;
  readonly overrides: WarnOverrides;
  /** The school CA's public parts, or null when inspection has no CA. */
  readonly ca: {
    certificatePem: string;
    certificateDer: Uint8Array;
    fingerprintSha256: string;
    notAfter: Date;
  } | null;
  /** Called with each verified unblock request; the casework issue will route these to staff. */
  readonly onUnblockRequest: (request: LinkPayload, at: number) => void;
  /** Sign-in portal for devices that cannot do proxy authentication; null when off. */
  readonly portal: {
    signIn(
      address: string,
      username: string,
      password: string,
    ): Promise<{ displayName: string; expiresAt: number } | null>;
    signOut(address: string): boolean;
  } | null;
  /** Small JSON for monitoring: connections, index age. */
  readonly health: () => Record<string, unknown>;
  readonly now: () => number;
}

const MAX_FORM_BYTES = 16_384;

/**
 * The gateway's own pages and files: proxy auto-config, the school certificate and its
 * install page, the warning's "continue", unblock requests, reporting a concern, health.
 * Returns false for a path it does not serve.
 */
export function createLocalRoutes(deps: LocalRoutesDeps) {
  const page = (res: ServerResponse, title: string, detail: string, status = 200) =>
    sendPage(res, infoPage(deps.schoolName, title, detail, status));

  return async (req: IncomingMessage, res: ServerResponse, path: string): Promise<boolean> => {
    const url = new URL(path, deps.gatewayOrigin);
    switch (`${req.method} ${url.pathname}`) {
      case 'GET /proxy.pac':
      case 'GET /wpad.dat':
        sendPage(
          res,
          renderPac({ proxyHost: deps.proxyHost, proxyPort: deps.proxyPort, bypass: [] }),
        );
        return true;
      case 'GET /ca':
        if (deps.ca === null)
          page(
            res,
            'No school certificate',
            'HTTPS inspection is not set up on this gateway.',
            404,
          );
        else
          sendPage(
            res,
            renderCaPage({
              schoolName: deps.schoolName,
              fingerprintSha256: deps.ca.fingerprintSha256,
              downloadPemUrl: `${deps.gatewayOrigin}/ca.pem`,
              downloadDerUrl: `${deps.gatewayOrigin}/ca.crt`,
              notAfter: deps.ca.notAfter,
            }),
          );
        return true;
      case 'GET /ca.pem':
      case 'GET /ca.crt':
        if (deps.ca === null) return false;
        sendFile(
          res,
          url.pathname === '/ca.pem' ? deps.ca.certificatePem : Buffer.from(deps.ca.certificateDer),
          url.pathname,
        );
        return true;
      case 'POST /continue':
        await continueAfterWarning(req, res, deps, page);
        return true;
      case 'GET /unblock': {
        const verified = verifyLink(url.searchParams.get('t'), deps.linkSecret, deps.now());
        if (verified.status !== 'ok' || verified.payload.kind !== 'unblock') {
          page(
            res,
            'This link has expired or is not valid',
            'Go back to the page and use its "Request unblock" link again.',
            400,
          );
          return true;
        }
        deps.onUnblockRequest(verified.payload, deps.now());
        page(
          res,
          'Your request has been sent',
          'A teacher and the school’s IT staff will look at the site and decide whether to unblock it. Ask your teacher if you need it for a lesson.',
        );
        return true;
      }
      case 'GET /report':
        page(
          res,
          'Report a concern',
          'If something online has upset or worried you, tell a teacher, the Designated Safeguarding Lead or any adult you trust. You can also call Childline on 0800 1111 or visit childline.org.uk.',
        );
        return true;
      case 'GET /login':
        if (deps.portal === null) return false;
        sendPage(res, loginPage(deps.schoolName, null));
        return true;
      case 'POST /login': {
        if (deps.portal === null) return false;
        const form = await readForm(req);
        const address = clientAddressOf(req.socket);
        const session = await deps.portal.signIn(
          address,
          form?.get('username') ?? '',
          form?.get('password') ?? '',
        );
        if (session === null)
          sendPage(
            res,
            loginPage(deps.schoolName, 'That name and password did not match. Try again.'),
          );
        else
          page(
            res,
            `Signed in as ${session.displayName}`,
            `This device (${address}) browses as you until ${new Date(session.expiresAt).toLocaleTimeString('en-GB', { timeZone: 'Europe/London', hour: '2-digit', minute: '2-digit' })}. Sign out at /logout when you leave it.`,
          );
        return true;
      }
      case 'GET /logout':
        if (deps.portal === null) return false;
        deps.portal.signOut(clientAddressOf(req.socket));
        page(res, 'Signed out', 'This device is no longer signed in.');
        return true;
      case 'GET /healthz':
        res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
        res.end(JSON.stringify({ status: 'ok', ...deps.health() }));
        return true;
      case 'GET /':
        page(
          res,
          `${deps.schoolName} web gateway`,
          'This school filters and records web use on its network to keep pupils safe. The school certificate page is at /ca.',
        );
        return true;
      default:
        return false;
    }
  };
}

async function continueAfterWarning(
  req: IncomingMessage,
  res: ServerResponse,
  deps: LocalRoutesDeps,
  page: (res: ServerResponse, title: string, detail: string, status?: number) => void,
): Promise<void> {
  const form = await readForm(req);
  const verified = verifyLink(form?.get('token') ?? null, deps.linkSecret, deps.now());
  if (verified.status !== 'ok' || verified.payload.kind !== 'continue') {
    page(
      res,
      'This warning has expired',
      'Go back and open the page again to see the warning once more.',
      400,
    );
    return;
  }
  const target = new URL(verified.payload.url);
  const now = deps.now();
  const until = now + deps.overrideMinutes * 60_000;
  deps.overrides.grant(verified.payload.user, target.hostname, until);
  // The cookie lets every gateway worker see the override (the in-memory grant is this one's).
  res.writeHead(303, {
    location: verified.payload.url,
    'cache-control': 'no-store',
    'set-cookie': overrideCookie(
      verified.payload.user,
      target.hostname,
      until,
      now,
      deps.linkSecret,
    ),
  });
  res.end();
}

/** The portal's sign-in form (posts to the same path), with an optional error line. */
function loginPage(schoolName: string, problem: string | null) {
  const mainHtml = `<h1>Sign in to use the web</h1>
${problem === null ? '' : `<p role="alert"><strong>${escapeHtml(problem)}</strong></p>`}
<p>Sign in with your school name and password, so this device browses as you.</p>
<form method="post" action="/login">
<p><label for="username">School user name</label><br><input id="username" name="username" autocomplete="username" required></p>
<p><label for="password">Password</label><br><input id="password" name="password" type="password" autocomplete="current-password" required></p>
<p><button type="submit">Sign in</button></p>
</form>`;
  return htmlResponse(
    problem === null ? 200 : 401,
    renderLayout({ schoolName, title: 'Sign in', tone: 'info', mainHtml }),
    {
      formAction: "'self'",
      frameable: false,
      cacheControl: 'no-store',
    },
  );
}

function readForm(req: IncomingMessage): Promise<URLSearchParams | null> {
  return new Promise((resolve) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => {
      body += chunk;
      if (body.length > MAX_FORM_BYTES) {
        req.destroy();
        resolve(null);
      }
    });
    req.on('end', () => resolve(new URLSearchParams(body)));
    req.on('error', () => resolve(null));
  });
}

function sendFile(res: ServerResponse, content: string | Buffer, path: string): void {
  const pem = path.endsWith('.pem');
  res.writeHead(200, {
    'content-type': pem ? 'application/x-pem-file' : 'application/x-x509-ca-cert',
    'content-disposition': `attachment; filename="school-ca${pem ? '.pem' : '.crt'}"`,
    'content-length': Buffer.byteLength(content),
  });
  res.end(content);
}
