"""The page's CSS and its one script (opening a citation when its ``[n]`` is clicked).

Kept as strings in the package so a wheel carries them without package-data
rules. The script works by event delegation on the document, because Gradio
re-renders the chat and the panel on every update and per-element handlers
would be lost; the answer HTML itself carries no script (the chat sanitiser
would strip it anyway).
"""

from __future__ import annotations

CSS = """
#rn-header h1 { margin: 0; font-size: 1.4rem; }
#rn-header p { margin: 0.1rem 0 0; color: var(--body-text-color-subdued); }
.rn-status { padding: 0.5rem 0.8rem; border-radius: 6px; border: 1px solid var(--border-color-primary); font-size: 0.92rem; }
.rn-status-ready { background: var(--background-fill-secondary); }
.rn-status-building, .rn-status-loading { background: #fff8e1; border-color: #f0c36d; color: #4a3b00; }
.rn-status-empty, .rn-status-error { background: #fdecea; border-color: #e7a39c; color: #5f1d15; }
.rn-status progress { width: 14rem; vertical-align: middle; }
.rn-sub { font-size: 0.85rem; opacity: 0.85; margin-top: 0.15rem; }
.rn-answer p, .rn-question p { margin: 0 0 0.5rem; }
.rn-answer p.rn-short { font-size: 1.05rem; margin-bottom: 0.45rem; }
.rn-actions { margin-top: 0.3rem; font-size: 0.8rem; }
a.rn-copy { color: #0b5394 !important; text-decoration: none; border: 1px solid var(--border-color-primary); border-radius: 4px; padding: 0.05rem 0.45rem; cursor: pointer; }
a.rn-copy:hover, a.rn-copy:focus { background: var(--background-fill-secondary); }
.rn-copytext { display: none; }
.rn-stopped { opacity: 0.85; }
#rn-chat-head { align-items: center; }
/* The chat's floating icon bar (a trash icon) would cover the top message; "New conversation" above replaces it. */
#rn-chat .top-panel { display: none !important; }
#rn-chat-head h3 { margin: 0; }
.rn-meta-line { font-size: 0.8rem; color: var(--body-text-color-subdued); margin-top: 0.35rem; }
.rn-mode { font-weight: 600; }
.rn-badge { display: inline-block; padding: 0 0.35rem; border-radius: 4px; background: #eceff1; color: #37474f; font-size: 0.78rem; }
.rn-unverified { background: #fff3e0; color: #8a4b00; }
.rn-filters { font-size: 0.8rem; color: #0b5394; }
.rn-notice, .rn-warn { font-size: 0.85rem; color: #8a4b00; margin-top: 0.3rem; }
.rn-standalone { font-size: 0.8rem; color: var(--body-text-color-subdued); font-style: italic; }
.rn-error { color: #a11; font-weight: 500; }
.rn-info { color: #4a3b00; }
a.rn-cite-link { font-weight: 700; color: #0b5394 !important; text-decoration: underline dotted; padding: 0 2px; border-radius: 3px; cursor: pointer; }
a.rn-cite-link:hover, a.rn-cite-link:focus { background: #ffe58f; text-decoration: underline; }
.rn-cursor { animation: rn-blink 1s steps(1) infinite; }
@keyframes rn-blink { 50% { opacity: 0; } }
#rn-sources { max-height: 78vh; overflow-y: auto; }
.rn-panel { font-size: 0.92rem; }
.rn-turn { display: none; }
.rn-turn.active { display: block; }
.rn-turn-q { font-weight: 600; margin-bottom: 0.4rem; }
.rn-src { border: 1px solid var(--border-color-primary); border-radius: 6px; padding: 0.4rem 0.6rem; margin-bottom: 0.5rem; background: var(--background-fill-primary); }
.rn-src summary { cursor: pointer; }
.rn-src[open] { border-color: #e0b100; }
.rn-src.rn-flash { box-shadow: 0 0 0 3px #ffd54f; transition: box-shadow 0.3s; }
.rn-n { font-weight: 700; color: #0b5394; }
.rn-near { color: #8a4b00; font-weight: 600; font-size: 0.8rem; text-transform: uppercase; }
.rn-title { font-weight: 600; }
.rn-preview { font-size: 0.82rem; color: var(--body-text-color-subdued); margin: 0.15rem 0 0 1.6rem; }
.rn-src[open] .rn-preview { display: none; }
.rn-src-meta { font-size: 0.8rem; margin: 0.3rem 0; color: var(--body-text-color-subdued); }
.rn-context { white-space: pre-wrap; margin: 0.3rem 0; padding: 0.4rem 0.6rem; border-left: 3px solid #e0b100; background: var(--background-fill-secondary); font-size: 0.88rem; line-height: 1.45; }
.rn-context mark { background: #ffe066; color: #000; padding: 0 1px; }
.rn-file { font-size: 0.75rem; color: var(--body-text-color-subdued); }
.rn-closest-note { background: #fff3e0; border: 1px solid #f0c36d; border-radius: 6px; padding: 0.4rem 0.6rem; margin-bottom: 0.5rem; font-size: 0.85rem; }
.rn-closest { border-style: dashed; }
.rn-empty { color: var(--body-text-color-subdued); padding: 0.6rem; }
.rn-next { font-size: 0.82rem; color: var(--body-text-color-subdued); }
.rn-next b { color: #0b5394; }
"""

# Runs once when the page loads (``launch(js=...)``).
JS = """
() => {
  const open = (id) => {
    const m = /^cite-(\\d+)-(\\d+)$/.exec(id);
    if (!m) return false;
    document.querySelectorAll('.rn-turn').forEach((s) => s.classList.toggle('active', s.id === 'rn-turn-' + m[1]));
    const d = document.getElementById(id);
    if (!d) return false;
    d.open = true;
    d.classList.add('rn-flash');
    const r = d.getBoundingClientRect();
    if (r.top < 0 || r.top > window.innerHeight - 80) d.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
    setTimeout(() => d.classList.remove('rn-flash'), 1600);
    return true;
  };
  const copy = async (a) => {
    const box = a.closest('.rn-answer');
    const src = box ? box.querySelector('.rn-copytext') : null;
    if (!src) return;
    const text = src.textContent;
    try {
      await navigator.clipboard.writeText(text);
    } catch (err) {
      const t = document.createElement('textarea');
      t.value = text;
      t.style.position = 'fixed';
      t.style.left = '-9999px';
      document.body.appendChild(t);
      t.select();
      document.execCommand('copy');
      t.remove();
    }
    a.textContent = 'Copied ✓';
    setTimeout(() => { a.textContent = 'Copy with sources'; }, 1600);
  };
  document.addEventListener('click', (e) => {
    const c = e.target && e.target.closest ? e.target.closest('a.rn-copy') : null;
    if (c) {
      e.preventDefault();
      e.stopPropagation();
      copy(c);
      return;
    }
    const a = e.target && e.target.closest ? e.target.closest('a.rn-cite-link') : null;
    if (!a) return;
    e.preventDefault();
    e.stopPropagation();
    open((a.getAttribute('href') || '').replace(/^#/, ''));
  }, true);
}
"""
