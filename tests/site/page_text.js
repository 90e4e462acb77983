// What a page of the site shows, for test_site.py: typeset formulas, raw TeX left in
// the text, MathJax errors, and every element with Chinese text of its own (marked with
// data-cjk so that the test can ask the browser which font drew it).
(cjkPattern) => {
  const CJK = new RegExp(cjkPattern, 'gu');
  // Left in the visible text once MathJax is done: a delimiter or a TeX command means a formula shown raw.
  const RAW_TEX = /\$|\\\(|\\\)|\\\[|\\\]|\\[A-Za-z]+/g;
  const article = document.querySelector('article.bd-article') || document.body;

  const rest = document.body.cloneNode(true);
  rest.querySelectorAll('mjx-container, code, pre, script, style, noscript, .highlight').forEach((e) => e.remove());
  const text = rest.textContent;
  const raw = [];
  let shownTo = -1;  // one snippet per stretch of raw TeX, not one per dollar sign
  for (const m of text.matchAll(RAW_TEX)) {
    if (m.index < shownTo) continue;
    raw.push(text.slice(Math.max(0, m.index - 30), m.index + 40).replace(/\s+/g, ' ').trim());
    shownTo = m.index + 40;
  }

  const cjk = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const counts = new Map();
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const found = node.data.match(CJK);
    const element = node.parentElement;
    // mjx-assistive-mml: MathJax's copy of each formula for screen readers, clipped to nothing on screen.
    if (!found || element.closest('script, style, noscript, mjx-assistive-mml')) continue;
    if (!element.getClientRects().length || getComputedStyle(element).visibility === 'hidden') continue;
    counts.set(element, (counts.get(element) || 0) + found.length);
  }
  counts.forEach((count, element) => {
    element.setAttribute('data-cjk', cjk.length);
    cjk.push({ count, text: element.textContent.trim().slice(0, 60) });
  });

  return {
    mjx: article.querySelectorAll('mjx-container').length,
    errors: Array.from(document.querySelectorAll('mjx-merror'), (e) => e.getAttribute('data-mjx-error')),
    raw,
    cjk,
  };
}
