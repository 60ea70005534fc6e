/**
 * The API explorer: GraphiQL (React) from this site's own bundle, mounted into an element of the
 * Preact page. It is a separate chunk loaded only when a reader opens the explorer, so it never
 * counts in the public pages' JavaScript budget.
 *
 * Within the site's CSP (default-src 'self', no inline style or script): GraphiQL's stylesheet is
 * bundled as a file; React and CodeMirror set styles through the DOM (allowed); the fonts the
 * stylesheet embeds as data: URIs are never requested because explorer.css gives the editor the
 * system fonts.
 */
import { GraphiQL } from 'graphiql';
import 'graphiql/style.css';
import { createElement } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import './explorer.css';

export interface Explorer {
  show(query: string): void;
  unmount(): void;
}

type FetcherParams = { query: string; variables?: unknown; operationName?: string | null };

/**
 * Every answer as the server sent it, with `extensions` (the query's cost and its ceiling) moved
 * to the top so that it is in view without scrolling past the data.
 */
async function fetcher(params: FetcherParams): Promise<unknown> {
  const response = await fetch('/public/graphql', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify(params),
    credentials: 'omit',
  });
  const body: unknown = await response.json();
  if (typeof body !== 'object' || body === null || !('extensions' in body)) return body;
  const { extensions, ...rest } = body as Record<string, unknown>;
  return { extensions, ...rest };
}

export function mountExplorer(element: HTMLElement, query: string): Explorer {
  const root: Root = createRoot(element);
  let generation = 0;
  const render = (text: string): void => {
    generation += 1;
    root.render(
      createElement(GraphiQL, {
        // A new key per example: GraphiQL starts over with that query in its editor.
        key: generation,
        fetcher: fetcher as never,
        query: text,
        defaultEditorToolsVisibility: 'variables',
        isHeadersEditorEnabled: false,
        forcedTheme: 'light',
      }),
    );
  };
  render(query);
  return { show: render, unmount: () => root.unmount() };
}
