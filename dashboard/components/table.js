// A read-only table (dashboard.html.table_parts): the rows a screen at a time as the box
// scrolls, sorted by a click on a header (numbers by value, dates by their sort key, text in the
// language's order), filtered as a user types (case and accents ignored). Cells are written
// with textContent: nothing in them is read as markup. data: {id, digest, html, json: {data}}.
export default function ({data, parentElement}) {
  const root = mountMarkup(data, parentElement);
  if (!root) return;
  const spec = JSON.parse(data.json.data);
  const lang = spec.lang, cols = spec.columns, STEP = spec.step;
  for (const c of cols) for (const name of ['text', 'keys'])  /* repeated values come once, rows point at them */
    if (c[name] && !Array.isArray(c[name])) c[name] = c[name].codes.map(i => c[name].values[i]);
  const body = root.querySelector('tbody'), scroller = root.querySelector('.ht-scroll');
  const count = root.querySelector('.ht-count'), search = root.querySelector('.ht-search');
  const heads = Array.from(root.querySelectorAll('thead th'));
  const fold = s => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLocaleLowerCase(lang);
  const collator = new Intl.Collator(lang, {numeric: true, sensitivity: 'base'});
  let order = Array.from({length: spec.n}, (_, i) => i), shown = order, drawn = 0, haystack = null;
  function cell(c, i) {
    const td = document.createElement('td');
    if (c.num) td.className = 'num';
    const key = c.keys ? c.keys[i] : null;
    if (key !== null && key !== undefined) td.dataset.v = key;
    const href = c.hrefs ? c.hrefs[i] : null;
    if (href) {
      const a = document.createElement('a');
      a.href = href; a.target = '_self'; a.textContent = c.link_text || href;
      td.appendChild(a);
    } else td.textContent = c.text[i];
    return td;
  }
  function more() {  /* the next screenful of rows */
    const rows = document.createDocumentFragment(), end = Math.min(shown.length, drawn + STEP);
    for (; drawn < end; drawn++) {
      const tr = document.createElement('tr');
      for (const c of cols) tr.appendChild(cell(c, shown[drawn]));
      rows.appendChild(tr);
    }
    body.appendChild(rows);
  }
  function redraw() {
    body.replaceChildren(); drawn = 0; more();
    count.textContent = spec.count.replace('{n}', shown.length.toLocaleString(lang));
  }
  scroller.addEventListener('scroll', () => {  /* a jump to the end draws until the box is full */
    while (drawn < shown.length && scroller.scrollTop + scroller.clientHeight > scroller.scrollHeight - 300) more();
  });
  heads.forEach((th, col) => th.querySelector('button').addEventListener('click', () => {
    const dir = th.getAttribute('aria-sort') === 'ascending' ? 'descending' : 'ascending';
    heads.forEach(h => h.setAttribute('aria-sort', 'none'));
    th.setAttribute('aria-sort', dir);
    const c = cols[col], sign = dir === 'ascending' ? 1 : -1;
    const key = i => { const k = c.keys ? c.keys[i] : c.text[i]; return k === null || k === undefined ? '' : k; };
    order = order.slice().sort((a, b) => {
      const x = key(a), y = key(b);
      if (x === '' || y === '') return (x === '') - (y === '');  /* blanks last either way */
      return sign * (c.num ? x - y : collator.compare(String(x), String(y)));
    });
    filter();
  }));
  function filter() {
    const q = fold(search.value.trim());
    if (q && !haystack) haystack = new Array(spec.n).fill(null);  /* per row, folded on first search */
    shown = !q ? order : order.filter(i => {
      if (!haystack[i]) haystack[i] = fold(cols.map(c => c.text[i]).join(' '));
      return haystack[i].includes(q);
    });
    redraw();
  }
  search.addEventListener('input', filter);
  redraw();
}
