// An SVG document (dashboard.maps.map_svg) on a page (dashboard.html.svg_parts). The markup
// comes as a JSON string, is parsed as XML (DOMParser: nothing in it runs) and only an <svg>
// root is inserted. data: {id, digest, html, json: {svg}}.
export default function ({data, parentElement}) {
  const el = mountMarkup(data, parentElement);
  if (!el) return;
  const markup = JSON.parse(data.json.svg);
  const svg = new DOMParser().parseFromString(markup, 'image/svg+xml').documentElement;
  if (svg.namespaceURI !== 'http://www.w3.org/2000/svg' || svg.localName !== 'svg') return;
  el.replaceChildren(document.importNode(svg, true));
}
