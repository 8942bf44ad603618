/**
 * Plays a person at a vendor's web console: loads pages and posts their HTML forms over real HTTP, as a browser
 * would (form-encoded, following the redirect after a change), and copies a secret the page shows once.
 */

export interface ConsolePage {
  status: number;
  html: string;
  /** The value in `<output id="secret">`, when the page shows one. */
  secret?: string;
}

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };

function unescapeHtml(text: string): string {
  return text.replace(/&(?:amp|lt|gt|quot|#39);/g, (entity) => ENTITIES[entity] ?? entity);
}

async function read(response: Response): Promise<ConsolePage> {
  const html = await response.text();
  const secret = /<output id="secret">([^<]*)<\/output>/.exec(html)?.[1];
  return { status: response.status, html, ...(secret ? { secret: unescapeHtml(secret) } : {}) };
}

export class ConsoleBrowser {
  constructor(readonly url: string) {}

  /** The console's own page, or another of its paths. */
  async open(path?: string): Promise<ConsolePage> {
    return read(await fetch(path ? new URL(path, this.url) : this.url));
  }

  /** Submits a form: `fields` as a browser sends them (a ticked checkbox is `on`); refused forms throw. */
  async submit(action: string, fields: Record<string, string>): Promise<ConsolePage> {
    const response = await fetch(new URL(action, this.url), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(fields).toString(),
    });
    const page = await read(response);
    if (page.status >= 400) {
      const reason = /<p class="error">([^<]*)<\/p>/.exec(page.html)?.[1] ?? `HTTP ${page.status}`;
      throw new Error(`the console refused the form ${action}: ${unescapeHtml(reason)}`);
    }
    return page;
  }
}
