// What the open notebook shows, cell by cell, as plain data for checks.py.
// Read from the page (what a learner sees) and, for what the page does not say
// (output types, error names, tags), from the notebook model (window.jupyterapp).
() => {
  const panel = window.jupyterapp.shell.currentWidget;
  const cells = panel.content.model.cells;
  const nodes = Array.from(panel.content.node.querySelectorAll('.jp-Cell'));
  // Left in the text once MathJax is done: a delimiter or a TeX command means a formula shown raw.
  const RAW_TEX = /\$|\\\(|\\\)|\\\[|\\\]|\\[A-Za-z]+/g;

  function math(el) {
    if (!el) return null;
    const rest = el.cloneNode(true);
    rest.querySelectorAll('mjx-container, code, pre, script, style, .jp-InternalAnchorLink').forEach((e) => e.remove());
    const text = rest.textContent;
    const raw = [];
    let shownTo = -1;  // one snippet per stretch of raw TeX, not one per dollar sign
    for (const m of text.matchAll(RAW_TEX)) {
      if (m.index < shownTo) continue;
      raw.push(text.slice(Math.max(0, m.index - 20), m.index + 40).replace(/\s+/g, ' ').trim());
      shownTo = m.index + 40;
    }
    // JupyterLab shows TeX errors in place (MathJax's noerrors) and undefined macros in red (noundefined).
    const errors = Array.from(el.querySelectorAll('mjx-container mjx-merror'), (e) => e.getAttribute('data-mjx-error'))
      .concat(Array.from(el.querySelectorAll('mjx-container mjx-assistive-mml mtext[mathcolor="red"]'),
        (e) => `undefined ${e.textContent}`));
    return { mjx: el.querySelectorAll('mjx-container').length, errors, raw };
  }

  function widget(out) {
    const text = out.textContent.trim();
    const error = out.querySelector('.jupyter-widgets-error-widget') ||
      /^(Error displaying widget|Loading widget)/.test(text);
    const view = out.querySelector('.jupyter-widgets');
    const box = view && view.getBoundingClientRect();
    return { rendered: !!view && !error && box.width > 0 && box.height > 0, error: error ? text.slice(0, 200) : null };
  }

  function text(value) {  // a mime bundle's text: a string, a list of lines, or absent
    return Array.isArray(value) ? value.join('') : (typeof value === 'string' ? value : null);
  }

  function images(out) {
    return Array.from(out.querySelectorAll('img'), (img) => img.complete && img.naturalWidth > 0);
  }

  return nodes.map((node, index) => {
    const model = cells.get(index);
    const json = model.toJSON();
    const source = text(json.source) || '';
    const cell = { index, id: json.id || null, type: json.cell_type, tags: (json.metadata || {}).tags || [],
      source, prompt: null, markdown: null, outputs: [] };
    if (json.cell_type === 'markdown') {
      cell.markdown = math(node.querySelector('.jp-MarkdownOutput'));
    }
    if (json.cell_type !== 'code') return cell;
    const prompt = node.querySelector('.jp-InputPrompt');
    cell.prompt = prompt ? prompt.textContent.trim() : null;
    const area = node.querySelector('.jp-Cell-outputArea');
    const children = area ? Array.from(area.querySelectorAll(':scope > .jp-OutputArea-child')) : [];
    cell.outputs = (json.outputs || []).map((o, k) => {
      const child = children[k];
      const out = child && child.querySelector(':scope > .jp-OutputArea-output');
      const data = o.data || {};
      const result = { output_type: o.output_type, ename: o.ename || null, evalue: o.evalue || null,
        mimes: Object.keys(data), shown: !!out, shown_as: out ? (out.dataset.mimeType || null) : null,
        text: out ? out.textContent.trim().slice(0, 300) : null, widget: null, images: [], math: null,
        plain: text(data['text/plain']), markdown_source: text(data['text/markdown']) };
      if (!out) return result;
      if ('application/vnd.jupyter.widget-view+json' in data) result.widget = widget(out);
      result.images = images(out);
      const rendered = '.jp-RenderedMarkdown, .jp-RenderedLatex';
      result.math = math(out.matches(rendered) ? out : out.querySelector(rendered));
      return result;
    });
    return cell;
  });
}
