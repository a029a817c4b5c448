import { VENDOR_VERSION } from '../version.ts';

/**
 * The console's HTML: a shell the browser modules (`assets/console.js` and what it imports) fill from the admin API.
 * Static, so it holds no secret; the admin token comes from the URL fragment `npm start` prints
 * (never sent to a server) or from the form.
 */
export function consolePage(): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Acme CRM console</title>
<link rel="icon" href="/console/favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="/console/console.css">
<script type="module" src="/console/console.js"></script>
</head>
<body>
<header>
  <h1>Acme CRM console</h1>
  <span class="mock">mock ${VENDOR_VERSION}</span>
  <span id="status" data-state="connecting" role="status">Connecting to Acme CRM…</span>
  <span id="clock"></span>
</header>

<section id="login" hidden>
  <h2>Admin token, please</h2>
  <p>The console reads the vendor's journal through the admin API. Paste the admin token:
  <code>VENDOR_ADMIN_TOKEN</code> in <code>.env</code>, also printed by <code>npm start</code>
  (whose console link carries it for you). A tenant key (<code>VENDOR_TENANT_KEY</code>, <code>acme_tk_…</code>)
  works too, and shows that tenant only.</p>
  <form id="login-form">
    <input id="login-token" type="password" autocomplete="off" placeholder="acme_admin_…" size="40" aria-label="Admin token">
    <button type="submit">Open the console</button>
  </form>
  <p id="login-error" role="alert"></p>
</section>

<div id="app" hidden>
  <div class="panels">
    <section class="panel" id="summary">
      <h2>Requests</h2>
      <div class="figure" id="summary-requests">0</div>
      <div id="summary-detail"></div>
    </section>
    <section class="panel" id="rate-limit">
      <h2>Rate-limit budget</h2>
      <div class="figure" id="rate-figure">–</div>
      <div class="bar" id="rate-bar"><span></span></div>
      <div id="rate-detail"></div>
    </section>
    <section class="panel" id="tokens">
      <h2>Access tokens <span id="token-count"></span></h2>
      <ul id="token-list"></ul>
    </section>
  </div>

  <div class="toolbar">
    <label>Tenant <select id="tenant"></select></label>
    <input id="filter" type="text" placeholder="Filter: path, status, request id, key…" size="34" aria-label="Filter">
    <label><input id="errors-only" type="checkbox"> errors only</label>
    <label><input id="faults-only" type="checkbox"> faults only</label>
    <button id="clear-view" type="button">Clear view</button>
    <span id="skipped"></span>
  </div>

  <div class="timeline">
    <table>
      <thead><tr><th>time (Acme)</th><th>method</th><th>path</th><th>status</th><th>code</th><th>fault</th><th>latency</th><th>retries of</th><th>token</th><th>request id</th></tr></thead>
      <tbody id="rows"></tbody>
    </table>
    <p class="empty" id="empty">Connecting to Acme CRM…</p>
  </div>
</div>

<aside id="details" hidden>
  <button id="details-close" type="button">Close</button>
  <h2 id="details-title"></h2>
  <section id="details-why" class="why" hidden>
    <h3 id="details-why-title"></h3>
    <p id="details-why-what"></p>
    <p><strong>What to do:</strong> <span id="details-why-next"></span></p>
  </section>
  <h3>Request headers</h3>
  <table class="headers"><tbody id="details-request-headers"></tbody></table>
  <h3>Response headers</h3>
  <table class="headers"><tbody id="details-response-headers"></tbody></table>
  <h3>The whole journal entry</h3>
  <pre id="details-json"></pre>
</aside>
</body>
</html>
`;
}
