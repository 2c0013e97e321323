// A deck.gl map drawn by deck.gl's own bundle as pydeck ships it (dashboard.html.deck_parts),
// first shown as its picture (an inert <img class="pb-static">). data: {id, digest, html, url,
// script_id, json: {spec, tooltip}}. deck.gl loads once the page is drawn and idle, or at once
// when a user points at, touches or focuses the map; the picture goes after the live map's
// first frame. Tooltips are deck.gl's `text` tooltips: set as text, never parsed as markup.
export default function ({data, parentElement}) {
  const el = mountMarkup(data, parentElement);
  if (!el) return;
  const host = el.parentElement;
  let live = false;
  function draw() {
    if (!el.isConnected) return;
    performance.mark('deckgl-loaded');  // for bench/page_bench.py and the browser tests
    const spec = JSON.parse(data.json.spec);
    const tooltip = JSON.parse(data.json.tooltip);
    const still = el.querySelector('img.pb-static');
    const deck = window.createDeck({container: el.querySelector('.pb-deck'), jsonInput: spec, tooltip: tooltip});
    host.cleanup = () => deck.finalize();
    let shown = false;
    deck.setProps({onAfterRender: () => {
      if (shown) return;
      shown = true;
      requestAnimationFrame(() => {
        if (still) still.remove();
        el.removeAttribute('tabindex'); el.removeAttribute('role'); el.removeAttribute('aria-label');
        el.dataset.live = '1';
        performance.mark('deckgl-live');
      });
    }});
  }
  function goLive() {
    if (!live) { live = true; loadBundle(data.url, data.script_id, () => Boolean(window.createDeck), draw); }
  }
  for (const name of ['pointerenter', 'touchstart', 'focusin'])
    el.addEventListener(name, goLive, {once: true, passive: true});
  // deck.gl loads once the page is drawn and idle: the live map follows without a click
  const idle = window.requestIdleCallback || (f => setTimeout(f, 200));
  setTimeout(() => idle(goLive, {timeout: 3000}), 300);
}
