/**
 * The pieces of a fake vendor's web console: plain HTML pages with forms whose POSTs change the fake's state as the
 * real console would. Everything a person typed is escaped before it is shown, so a value cannot inject markup.
 * A secret the console shows once is in `<output id="secret">`, where a person (or a script playing one) copies it.
 */
import type { FakeRequest, FakeResponse } from './server';

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text made safe for HTML content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ENTITIES[char] ?? char);
}

/** Marks HTML the console built itself (already escaped), so it is not escaped again. */
export interface Html {
  html: string;
}

/** Builds HTML from a template, escaping every interpolated value that is not already `Html`. */
export function html(strings: TemplateStringsArray, ...values: Array<string | number | Html | Html[]>): Html {
  const part = (value: string | number | Html | Html[]): string =>
    Array.isArray(value)
      ? value.map((v) => v.html).join('')
      : typeof value === 'object'
        ? value.html
        : escapeHtml(String(value));
  return { html: strings.reduce((out, text, i) => out + text + (i < values.length ? part(values[i]!) : ''), '') };
}

/** A whole console page. */
export function page(vendor: string, title: string, body: Html, status = 200): FakeResponse {
  const raw =
    '<!DOCTYPE html>' +
    html`<html>
      <head>
        <meta charset="utf-8" />
        <title>${vendor} · ${title}</title>
        <style>
          body {
            font-family: sans-serif;
            max-width: 60rem;
            margin: 2rem auto;
          }
          table {
            border-collapse: collapse;
          }
          td,
          th {
            border: 1px solid #ccc;
            padding: 0.3rem 0.6rem;
          }
          form {
            margin: 0.5rem 0;
          }
          output {
            font-family: monospace;
            background: #ffd;
            padding: 0.3rem;
            word-break: break-all;
          }
          .error {
            color: #a00;
          }
        </style>
      </head>
      <body>
        <h1>${vendor} console (sandbox fake)</h1>
        <h2>${title}</h2>
        ${body}
      </body>
    </html>`.html;
  return { status, raw, headers: { 'content-type': 'text/html; charset=utf-8' } };
}

/** A page that shows a secret once, as consoles do right after generating one. */
export function secretPage(vendor: string, title: string, secret: string, back: string): FakeResponse {
  const body = html`<p>Copy it now: it is not shown again.</p>
    <p><output id="secret">${secret}</output></p>
    <p><a href="${back}">Back</a></p>`;
  return page(vendor, title, body);
}

/** A refused form, with what to do; 400 so a script notices too. */
export function errorPage(vendor: string, message: string, back: string): FakeResponse {
  return page(
    vendor,
    'Not saved',
    html`<p class="error">${message}</p>
      <p><a href="${back}">Back</a></p>`,
    400,
  );
}

/** After a change, back to the page (303 See Other, so a reload does not post again). */
export function redirect(location: string): FakeResponse {
  return { status: 303, raw: '', headers: { location } };
}

/** The fields of a posted form (`application/x-www-form-urlencoded`). */
export function formFields(request: FakeRequest): URLSearchParams {
  return new URLSearchParams(request.rawBody);
}

/** A form posting to `action`, with the given inputs and a submit button. */
export function form(action: string, inputs: Html, submit: string): Html {
  return html`<form method="post" action="${action}">${inputs} <button type="submit">${submit}</button></form>`;
}

/** A labelled text input. */
export function textInput(name: string, label: string, value = ''): Html {
  return html`<label>${label} <input name="${name}" value="${value}" /></label> `;
}

/** A labelled checkbox, posted as `on` when ticked. */
export function checkbox(name: string, label: string, checked = false): Html {
  return checked
    ? html`<label><input type="checkbox" name="${name}" checked /> ${label}</label> `
    : html`<label><input type="checkbox" name="${name}" /> ${label}</label> `;
}

/** A labelled drop-down. */
export function select(name: string, label: string, options: readonly string[]): Html {
  const choices = options.map((option) => html`<option value="${option}">${option}</option>`);
  return html`<label
    >${label}
    <select name="${name}">
      ${choices}
    </select></label
  > `;
}

/** Runs a console action that throws (as the fakes' helpers do) and shows its message instead. */
export function attempt(vendor: string, back: string, action: () => FakeResponse): FakeResponse {
  try {
    return action();
  } catch (error) {
    return errorPage(vendor, (error as Error).message, back);
  }
}
