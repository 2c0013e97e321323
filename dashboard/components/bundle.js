// Shared by chart.js, map.js and preload.js (prepended to each: a component is one module).
// Loads a shipped bundle once per page (one <script id=scriptId>), then runs `then` once
// `ready()` is true (the global the bundle defines exists).
function loadBundle(url, scriptId, ready, then) {
  if (ready()) { if (then) then(); return; }
  let script = document.getElementById(scriptId);
  if (!script) {
    script = document.createElement('script');
    script.id = scriptId;
    script.async = true;
    script.src = new URL(url, document.baseURI).href;
    document.head.appendChild(script);
  }
  if (then) script.addEventListener('load', then);
}

// The component's markup (data.html, escaped by dashboard.html) in a host element of its own
// inside the component's element, replaced when the data changes; its root (the element whose
// id is data.id), or null when the same data is already drawn there.
function mountMarkup(data, parentElement) {
  let host = parentElement.querySelector(':scope > .sd-host');
  if (host && host.dataset.digest === data.digest) return null;
  if (!host) {
    host = document.createElement('div');
    host.className = 'sd-host';
    parentElement.appendChild(host);
  }
  if (host.cleanup) { host.cleanup(); host.cleanup = null; }
  host.dataset.digest = data.digest;
  host.innerHTML = data.html;
  return host.querySelector('[id="' + data.id + '"]');
}

// The component's root when its markup was drawn apart, by st.html with the page (a chart's
// picture then shows in the page's first paint, not after the component's module has loaded):
// the element whose id is data.id, or null when it is missing or already holds this data.
function adoptMarkup(data) {
  const el = document.getElementById(data.id);
  if (!el || el.dataset.digest === data.digest) return null;
  el.dataset.digest = data.digest;
  return el;
}
