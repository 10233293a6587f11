import { escapeHtml } from '../../../engine/text/escape-html.js';
import { formatLondonTime } from './format-london-time.js';
import { htmlResponse } from './html-response.js';
import type { PageResponse } from './page-response.js';
import { renderLayout } from './render-layout.js';
import { safeHref } from './safe-href.js';

/** What the certificate page shows. */
export interface CaPageInput {
  readonly schoolName: string;
  /** SHA-256 of the certificate's DER bytes, as hex (any case, colons or spaces allowed). */
  readonly fingerprintSha256: string;
  /** The certificate as PEM text (`.pem`/`.crt`): macOS, ChromeOS, Firefox, Linux. */
  readonly downloadPemUrl: string;
  /** The certificate as DER bytes (`.cer`/`.der`): Windows, iOS/iPadOS, Android. */
  readonly downloadDerUrl: string;
  /** When the certificate expires. */
  readonly notAfter: Date;
}

/**
 * The page at which people download the school's CA certificate and learn how to install
 * it on Windows (by hand and by Group Policy), macOS, iOS/iPadOS, Android, ChromeOS and
 * Firefox, with the SHA-256 fingerprint to check it against (FIL-13). Throws `TypeError`
 * when the fingerprint is not 32 bytes of hex, because a wrong one would teach people to
 * trust the wrong certificate.
 *
 * ### Examples
 * ```ts
 * renderCaPage({ schoolName: 'Widford Lodge', fingerprintSha256: hex,
 *   downloadPemUrl: '/ca.pem', downloadDerUrl: '/ca.der', notAfter: new Date('2035-09-01') });
 * ```
 */
export function renderCaPage(input: CaPageInput): PageResponse {
  const fingerprint = formatFingerprint(input.fingerprintSha256);
  const pem = safeHref(input.downloadPemUrl);
  const der = safeHref(input.downloadDerUrl);
  if (pem === null || der === null) {
    throw new TypeError('CA page download links must be http(s) URLs or paths');
  }
  const pemLink = `<a href="${pem}" download>the certificate (PEM file)</a>`;
  const derLink = `<a href="${der}" download>the certificate (DER file)</a>`;
  const name = `<bdi>${escapeHtml(input.schoolName)}</bdi>`;

  const main = `<div class="panel">
<h1>Install the school’s security certificate</h1>
<p class="lead">Devices on the school network need ${name}’s certificate to open secure (https) websites without warnings.</p>
<p>The school’s web filter checks secure websites too, to keep pupils safe. To do that it uses its own certificate authority, which your device must trust. Install it only on devices you use on this school’s network.</p>
<p class="actions"><a class="button" href="${der}" download>Download certificate (.der)</a>
<a class="button secondary" href="${pem}" download>Download certificate (.pem)</a></p>
</div>
<h2 id="check">Check the certificate is genuine</h2>
<p>After installing, open the certificate’s details and compare its SHA-256 fingerprint with this one. Every pair of characters must match. If it does not, remove the certificate and tell the school’s IT staff.</p>
<p><code class="fingerprint">${fingerprint}</code></p>
<p>The certificate is valid until ${escapeHtml(formatLondonTime(input.notAfter, true))}.</p>
<nav aria-label="Devices">
<h2 id="devices">Choose your device</h2>
<ul>
<li><a href="#windows">Windows</a> (and <a href="#group-policy">Group Policy</a>)</li>
<li><a href="#macos">macOS</a></li>
<li><a href="#ios">iPhone and iPad</a></li>
<li><a href="#android">Android</a></li>
<li><a href="#chromeos">Chromebook (ChromeOS)</a></li>
<li><a href="#firefox">Firefox</a></li>
</ul>
</nav>
<h2 id="windows">Windows</h2>
<ol>
<li>Download ${derLink}.</li>
<li>Open the downloaded file and choose <strong>Install Certificate</strong>.</li>
<li>Choose <strong>Local Machine</strong> (this needs an administrator), then <strong>Next</strong>.</li>
<li>Choose <strong>Place all certificates in the following store</strong>, then <strong>Browse</strong>, and pick <strong>Trusted Root Certification Authorities</strong>.</li>
<li>Choose <strong>Next</strong>, then <strong>Finish</strong>, and confirm the security warning. Restart your browser.</li>
</ol>
<h3 id="group-policy">For IT staff: every school Windows computer, by Group Policy</h3>
<ol>
<li>In <strong>Group Policy Management</strong>, edit a Group Policy Object linked to the computers’ organisational unit.</li>
<li>Go to <strong>Computer Configuration › Policies › Windows Settings › Security Settings › Public Key Policies › Trusted Root Certification Authorities</strong>.</li>
<li>Right-click it, choose <strong>Import</strong>, and import the DER file.</li>
<li>Computers pick it up at their next policy refresh; <code>gpupdate /force</code> applies it at once.</li>
</ol>
<h2 id="macos">macOS</h2>
<ol>
<li>Download ${pemLink} and open it: <strong>Keychain Access</strong> opens.</li>
<li>Add it to the <strong>System</strong> keychain (you will need an administrator’s password).</li>
<li>In Keychain Access, find the certificate under <strong>System › Certificates</strong> and open it.</li>
<li>Expand <strong>Trust</strong> and set <strong>When using this certificate</strong> to <strong>Always Trust</strong>. Close the window and enter the password to save.</li>
</ol>
<p>For IT staff: <code>sudo security add-trusted-cert -d -r trustRoot -k /Library/Keychains/System.keychain</code> followed by the file’s name does the same, and a device management (MDM) profile with a certificate payload installs it on managed Macs.</p>
<h2 id="ios">iPhone and iPad (iOS and iPadOS)</h2>
<ol>
<li>In <strong>Safari</strong>, download ${derLink} and choose <strong>Allow</strong> when asked about a configuration profile.</li>
<li>Open <strong>Settings</strong> and tap <strong>Profile Downloaded</strong> (or go to <strong>Settings › General › VPN &amp; Device Management</strong>), tap the profile, then <strong>Install</strong>, and enter your passcode.</li>
<li>Then turn on full trust: <strong>Settings › General › About › Certificate Trust Settings</strong>, and switch on the school’s certificate under <strong>Enable full trust for root certificates</strong>.</li>
</ol>
<p>Without the last step, secure websites still show warnings. School-managed iPads get the certificate from the device management system instead.</p>
<h2 id="android">Android</h2>
<ol>
<li>Download ${derLink}.</li>
<li>Open <strong>Settings</strong> and search for <strong>CA certificate</strong> (usually under <strong>Security › More security settings › Encryption &amp; credentials › Install a certificate</strong>).</li>
<li>Choose <strong>CA certificate</strong>, then <strong>Install anyway</strong>, and pick the downloaded file.</li>
</ol>
<p class="note">Android treats a certificate you install yourself as a “user” certificate. Chrome trusts it, so websites in Chrome work. Most apps do not trust user certificates, so some apps may fail to connect on the school network; ask the IT staff if an app you need for school work does not work.</p>
<h2 id="chromeos">Chromebook (ChromeOS)</h2>
<p>School-managed Chromebooks get the certificate from the school: IT staff add it in the <strong>Google Admin console</strong> under <strong>Devices › Networks › Certificates</strong>, upload the PEM file for the right organisational unit, and tick <strong>Chromebook</strong> to use it as an HTTPS certificate authority.</p>
<p>On your own Chromebook:</p>
<ol>
<li>Download ${pemLink}.</li>
<li>Open <code>chrome://certificate-manager</code> (on older versions, <code>chrome://settings/certificates</code> and the <strong>Authorities</strong> tab).</li>
<li>Choose <strong>Import</strong>, pick the file, tick <strong>Trust this certificate for identifying websites</strong>, and choose <strong>OK</strong>.</li>
</ol>
<h2 id="firefox">Firefox</h2>
<p>Firefox keeps its own list of certificates. On Windows and macOS, recent versions also trust certificates installed in the system, so installing it as above is usually enough. If Firefox still shows warnings:</p>
<ol>
<li>Download ${pemLink}.</li>
<li>Open <strong>Settings › Privacy &amp; Security</strong>, scroll to <strong>Certificates</strong> and choose <strong>View Certificates</strong>.</li>
<li>On the <strong>Authorities</strong> tab choose <strong>Import</strong>, pick the file, tick <strong>Trust this CA to identify websites</strong>, and choose <strong>OK</strong>.</li>
</ol>
<p>For IT staff: the Firefox enterprise policy <code>Certificates</code> with <code>ImportEnterpriseRoots</code> set to true (or <code>Install</code> listing the file) does this on every managed computer.</p>`;

  const body = renderLayout({
    schoolName: input.schoolName,
    title: 'Install the school’s security certificate',
    tone: 'info',
    mainHtml: main,
  });
  return htmlResponse(200, body, { frameable: true, cacheControl: 'no-cache' });
}

/** `ab cd…` or `AB:CD…` -> `AB:CD:…` (how Windows, macOS and Firefox show it). */
function formatFingerprint(hex: string): string {
  const digits = hex.replace(/[\s:]/g, '').toUpperCase();
  if (!/^[0-9A-F]{64}$/.test(digits)) {
    throw new TypeError('CA fingerprint must be a SHA-256 digest: 64 hex digits');
  }
  return digits.match(/../g)!.join(':');
}
