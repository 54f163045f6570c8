/* Lärdomsbanken: the DOM helpers the explorer and the contribution form share. */

function append(node, child) {
  if (child === null || child === undefined || child === false) return;
  node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
}

/** A new element. attrs: class, text, or any attribute (true: present, null/false: skipped). */
export function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "class") node.className = value;
    else if (key === "text") node.textContent = value;
    else node.setAttribute(key, value === true ? "" : String(value));
  }
  for (const child of children) append(node, child);
  return node;
}

/** Text for screen readers only (lardom.css, .lardom-sr). */
export function srOnly(text) {
  return el("span", { class: "lardom-sr", text });
}
