// A plotly chart drawn by the shipped plotly.js basic bundle (dashboard.html.plotly_parts).
// data: {id, digest, html, url, script_id, json: {spec, config}}; html is empty when the markup
// was drawn by st.html beside the component (dashboard.ui.plot, with a picture). With a picture
// (an <img class="pb-static"> in the markup), the chart is shown as that picture; plotly.js loads once
// the page is idle and draws the live chart under it, which replaces it as soon as a user
// points at, touches or focuses the chart.
const SOURCE_LINK = /^sources\?[A-Za-z0-9_.~%&=+-]*$/;

export default function ({data, parentElement}) {
  const el = data.html ? mountMarkup(data, parentElement) : adoptMarkup(data);
  if (!el) return;
  const bundle = then => loadBundle(data.url, data.script_id, () => Boolean(window.Plotly), then);
  function draw() {
    if (!el.isConnected) return;
    const spec = JSON.parse(data.json.spec);
    const config = JSON.parse(data.json.config);
    const still = el.querySelector('img.pb-static');
    Promise.resolve(window.Plotly.react(el, spec.data, spec.layout, config)).then(() => {
      if (still) still.remove();
      el.removeAttribute('tabindex');
      // a point whose customdata is a passage of the app (sources?…) opens it when clicked
      el.on('plotly_click', (event) => {
        const href = event && event.points && event.points[0] && event.points[0].customdata;
        if (typeof href === 'string' && SOURCE_LINK.test(href)) window.location.assign(href);
      });
    });
  }
  if (!el.querySelector('img.pb-static')) { bundle(draw); return; }
  let live = false;
  const goLive = () => { if (!live) { live = true; bundle(draw); } };
  for (const name of ['pointerenter', 'touchstart', 'focusin'])
    el.addEventListener(name, goLive, {once: true, passive: true});
  // the picture is on screen before this module runs: a pointer or focus already on it brought no event
  if (el.matches(':hover') || el.contains(document.activeElement)) goLive();
  // load plotly.js once the page is drawn and idle, so that pointing at a chart is quick
  const idle = window.requestIdleCallback || (f => setTimeout(f, 200));
  setTimeout(() => idle(() => bundle(null), {timeout: 3000}), 800);
}
