import { escapeHtml } from '../../../engine/text/escape-html.js';

/**
 * The splash section for a page on the Internet Watch Foundation's list (FIL-22), in the
 * spirit of the text the IWF asks its members to show: why access was denied, that the
 * content is illegal, how to appeal and report, and where to get confidential help. It
 * names the host only (`host`, plain text, escaped here) and never links to the content; its only links are to the IWF itself.
 * Its headings start at `<h2>`: the block page owns the `<h1>`.
 *
 * ### Examples
 * ```ts
 * renderIwfSplash('blocked.example'); // '<section aria-labelledby="iwf-why">…'
 * ```
 */
export function renderIwfSplash(host: string | null): string {
  const where =
    host === null
      ? 'This page'
      : `The page you asked for on <span class="url" dir="ltr">${escapeHtml(host)}</span>`;
  return `<section aria-labelledby="iwf-why">
<h2 id="iwf-why">Why this page was blocked</h2>
<p>${where} is on the Internet Watch Foundation (IWF) list of web pages that contain, or are likely to contain, images of child sexual abuse. Access to it has been denied for everyone on the school’s connection, and no one at the school can unblock it.</p>
<p><strong>Making, viewing, downloading, keeping or sharing sexual images of children is a crime in the UK.</strong> Trying on purpose to reach this page or pages like it may mean committing a criminal offence.</p>
<p>The IWF list only holds pages that the IWF’s analysts have assessed under UK law, and it is checked twice a day.</p>
</section>
<section aria-labelledby="iwf-report">
<h2 id="iwf-report">Reporting and appeals</h2>
<ul>
<li>If you think this page was blocked in error, you can appeal to the IWF through its website, <a href="https://www.iwf.org.uk/">www.iwf.org.uk</a>, or tell the school’s IT staff.</li>
<li>If you have seen sexual images of children anywhere else online, report them to the IWF at <a href="https://www.iwf.org.uk/report">www.iwf.org.uk/report</a>. You can report anonymously. Do not copy, save or share the images, even to report them.</li>
</ul>
</section>
<section aria-labelledby="iwf-help">
<h2 id="iwf-help">Getting help</h2>
<ul>
<li>If you are under 18 and something online has worried or upset you, talk to a teacher you trust or the school’s Designated Safeguarding Lead, or call Childline free on 0800 1111.</li>
<li>If you are worried about a child, or about your own or someone else’s thoughts or behaviour towards children, the Stop It Now helpline gives confidential advice: call free on 0808 1000 900.</li>
</ul>
</section>`;
}
