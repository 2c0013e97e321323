// Puts Streamlit's own widget words (« Select all », « No results »…) in the page's language
// (dashboard.html.widget_words_html). Read from this file and run as is; its data is the JSON
// script #widget-words that comes with it.
(function () {
  const spec = JSON.parse(document.getElementById('widget-words').textContent);
  window.__widgetWords = spec;  /* each run says the page's language; the observer is set up once */
  if (window.__widgetWordsObserver) { window.__widgetWordsObserver.rewrite(document.body); return; }
  const TEXT = [[/^Select all$/, 'select_all'], [/^Select (\d+) matches$/, 'select_matches'],
                [/^No results$/, 'no_results']];
  const ATTR = [[/^Clear all$/, 'clear_all'], [/^Remove (.+)$/, 'remove']];
  const WHERE = ['[data-baseweb="popover"]', '[role="listbox"]', '[data-testid="stMultiSelect"]',
                 '[data-testid="stMultiSelectDropdown"]', '[data-testid="stSelectbox"]',
                 '[data-testid="stSelectboxDropdown"]'].join(', ');
  function swap(value, rules) {
    const words = window.__widgetWords.words;
    for (const [pattern, key] of rules) {
      const m = value.match(pattern);
      if (m) return words[key].replace('$1', m[1] || '');
    }
    return null;
  }
  function rewrite(root) {
    if (!window.__widgetWords || window.__widgetWords.lang === 'en' || !root || root.nodeType !== 1) return;
    const scopes = root.matches(WHERE) || root.closest(WHERE) ? [root] : root.querySelectorAll(WHERE);
    for (const scope of scopes) {
      const walker = document.createTreeWalker(scope, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const swapped = swap(node.nodeValue.trim(), TEXT);
        if (swapped !== null) node.nodeValue = swapped;
      }
      for (const el of [scope, ...scope.querySelectorAll('[aria-label], [title]')]) {
        for (const name of ['aria-label', 'title']) {
          const value = el.getAttribute(name);
          const swapped = value && swap(value, ATTR);
          if (swapped) el.setAttribute(name, swapped);
        }
      }
    }
  }
  const observer = new MutationObserver(records => {
    for (const record of records) {
      if (record.type === 'characterData') rewrite(record.target.parentElement);
      else for (const node of record.addedNodes) rewrite(node.nodeType === 1 ? node : node.parentElement);
    }
  });
  observer.observe(document.body, {childList: true, subtree: true, characterData: true});
  observer.rewrite = rewrite;
  window.__widgetWordsObserver = observer;
  rewrite(document.body);
})();
