"""Accessibility basics checked in the browser: language, one h1, labelled inputs, contrast.

Contrast is computed from the computed styles, as WCAG 2 defines it: each element with
text of its own, against the first opaque background among it and its ancestors,
must reach 4.5:1 (3:1 for large text). Text inside SVG charts is left to the chart's
own colours and its table twin.
"""

from playwright.sync_api import Page

_AUDIT = """
() => {
  const parse = (c) => {
    const m = c.match(/rgba?\\(([^)]+)\\)/);
    if (!m) return [0, 0, 0, 0];
    const p = m[1].split(/[ ,/]+/).filter(Boolean).map(Number);
    return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1];
  };
  const lum = ([r, g, b]) => {
    const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  const background = (el) => {
    for (let node = el; node; node = node.parentElement) {
      const bg = parse(getComputedStyle(node).backgroundColor);
      if (bg[3] > 0) return bg;
    }
    return [255, 255, 255, 1];
  };
  const problems = [];
  const lang = document.documentElement.getAttribute('lang');
  if (lang !== 'en') problems.push(`html[lang] is ${lang}`);
  const h1 = document.querySelectorAll('h1').length;
  if (h1 !== 1) problems.push(`${h1} h1 elements`);
  for (const input of document.querySelectorAll('input, select, textarea')) {
    if (['hidden', 'submit', 'button'].includes(input.type)) continue;
    if (input.labels.length === 0 && !input.getAttribute('aria-label'))
      problems.push(`unlabelled ${input.tagName} ${input.name}`);
  }
  for (const el of document.querySelectorAll('body *')) {
    if (el.closest('svg')) continue;
    const own = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
    if (!own || el.getClientRects().length === 0) continue;
    const style = getComputedStyle(el);
    if (style.visibility === 'hidden') continue;
    const fg = parse(style.color), bg = background(el);
    const mixed = fg.slice(0, 3).map((c, i) => c * fg[3] + bg[i] * (1 - fg[3]));
    const [a, b] = [lum(mixed), lum(bg)].sort((x, y) => y - x);
    const ratio = (a + 0.05) / (b + 0.05);
    const size = parseFloat(style.fontSize), bold = Number(style.fontWeight) >= 700;
    const large = size >= 24 || (bold && size >= 18.66);
    if (ratio < (large ? 3 : 4.5))
      problems.push(`contrast ${ratio.toFixed(2)} of "${el.textContent.trim().slice(0, 30)}"`);
  }
  return problems;
}
"""


def accessibility_problems(page: Page) -> list[str]:
    """What the page gets wrong of the basics; empty when it gets them right."""
    found: list[str] = page.evaluate(_AUDIT)
    return found
